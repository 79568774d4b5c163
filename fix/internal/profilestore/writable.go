package profilestore

// CheckWritable refuses, already when a change is planned, a file that
// WriteFileAtomic would refuse for its permissions, so that the plan the
// user sees says so instead of failing at the write. A missing file is
// fine here: the folder is checked when it is written.
func CheckWritable(path string) error {
	st, err := statProfile(path)
	if err != nil {
		return err
	}
	if !st.Exists {
		return nil
	}
	return checkWritable(path, st.Target, st.Mode)
}
