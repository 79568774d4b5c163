package shellprofile

import (
	"context"
	"time"
)

// UserShell is the login shell of the user running this process: $SHELL
// when it is set (login sets it from the user database, and a user who
// changed it meant it), else the user database itself, as login(1) and sshd
// read it. from says which ("$SHELL", or the database consulted); both are
// "" when neither knows, and the caller falls back to sh's files.
func UserShell(shellVar string) (shell, from string) {
	if shellVar != "" {
		return shellVar, "$SHELL"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return databaseShell(ctx)
}
