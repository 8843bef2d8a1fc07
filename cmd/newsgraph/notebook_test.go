package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotebook executes examples/explore.ipynb end to end with Debian's
// jupyter-nbconvert and Python kernel against the real server on the seed
// graph: a cell that fails fails the test. It then checks that the answers
// and the figure are in the executed notebook.
func TestNotebook(t *testing.T) {
	python(t, "networkx", "matplotlib", "ipykernel")
	nbconvert, err := exec.LookPath("jupyter-nbconvert")
	require(t, err == nil, "jupyter-nbconvert", "apt-get install jupyter-nbconvert python3-ipykernel")
	s := startServer(t, seedStore(t, false))
	out := t.TempDir()
	cmd := exec.Command(nbconvert, "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
		"--output-dir", out, "--output", "executed.ipynb", "../../examples/explore.ipynb")
	cmd.Env = append(os.Environ(), "NEWSGRAPH_URL="+s.URL, "MPLCONFIGDIR="+t.TempDir(),
		"JUPYTER_RUNTIME_DIR="+t.TempDir(), "PYDEVD_DISABLE_FILE_VALIDATION=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the notebook failed: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(filepath.Join(out, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				OutputType string          `json:"output_type"`
				Text       json.RawMessage `json:"text"`
				Data       map[string]json.RawMessage
				Ename      string
			}
		}
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	figures := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				t.Errorf("a cell raised %s", o.Ename)
			}
			var lines []string
			json.Unmarshal(o.Text, &lines)
			text.WriteString(strings.Join(lines, ""))
			if _, ok := o.Data["image/png"]; ok {
				figures++
			}
		}
	}
	for _, want := range []string{
		"Korea-U.S. Technology Prosperity Deal: South Korea, United States", // who signed what
		"Artificial Intelligence (confidence",                               // the deal's sectors, with evidence
		"two steps from Michael Kratsios",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the executed notebook does not say %q:\n%s", want, text.String())
		}
	}
	if figures != 1 {
		t.Errorf("the executed notebook holds %d figures, want 1", figures)
	}
}
