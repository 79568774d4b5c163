package shellprofile

import "context"

// databaseShell: Windows has no login shell in its user database; the
// registry holds the environment (internal/winenv).
func databaseShell(context.Context) (string, string) { return "", "" }
