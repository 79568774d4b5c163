package shellprofile

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadSystemFormats feeds arbitrary bytes to the literal system formats
// (/etc/environment, /etc/paths.d) and checks, as FuzzRead does, that Read
// survives and reports only real places.
func FuzzReadSystemFormats(f *testing.F) {
	for _, seed := range []string{
		"PATH=\"/usr/local/sbin:/usr/bin\"\nexport GOROOT='/usr/local/go'\n# c\nGOPATH\n",
		"GOPATH=/a:\\\n\n  /b # x\nGOROOT=\"x#y\"\n=1\nGO-X=1\nGOFLAGS=\\",
		"/usr/local/go/bin\n\n/usr/local/go/bin\r\n$HOME/go/bin",
		"\xef\xbb\xbfGOROOT=\xff\r\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "environment")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range []Format{FormatPamEnv, FormatPaths} {
			res, err := Read(SH, []File{{Path: path, Reason: "fuzz", System: true, Format: format}}, map[string]string{}, nil)
			if err != nil {
				t.Fatalf("%s: Read: %v", format, err)
			}
			checkPlaces(t, SH, res, path)
			for _, a := range res.Assignments {
				if !a.System || !a.Exact {
					t.Errorf("%s: %s not System or not Exact", format, a.Where())
				}
			}
		}
	})
}
