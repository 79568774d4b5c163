package shellprofile

import "strings"

// setPathChange fills the PATH fields of a from its Value, where the old
// PATH appears as the oldPath marker. Empty entries are dropped: they mean
// "the current directory", which no Go install relies on, and they are
// mostly artefacts such as ${PATH:+:$PATH}.
func setPathChange(a *Assignment) {
	keepsOld, before := false, 0
	a.PathAdded = nil
	for _, entry := range strings.Split(a.Value, ":") {
		switch {
		case entry == oldPath:
			keepsOld = true
		case entry != "":
			a.PathAdded = append(a.PathAdded, entry)
			if !keepsOld {
				before++
			}
		}
	}
	a.PathPrepends = keepsOld && before > 0
	a.PathReplaces = !keepsOld && !a.Unset
}
