package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestForeign(t *testing.T) {
	b := &Browser{requests: []string{
		"about:blank",
		"http://127.0.0.1:4000/",
		"http://127.0.0.1:4000/playground/app.js",
		"ws://127.0.0.1:4000/graphql",
		"data:font/woff2;base64,AAAA",
		"blob:http://127.0.0.1:4000/0b1c",
		"http://127.0.0.1:4001/other-port",
		"https://127.0.0.1:4000/other-scheme",
		"https://cdn.example.com/lib.js",
		"wss://cdn.example.com/socket",
		"about:srcdoc",
	}}
	got := b.Foreign("http://127.0.0.1:4000")
	want := []string{
		"http://127.0.0.1:4001/other-port",
		"https://127.0.0.1:4000/other-scheme",
		"https://cdn.example.com/lib.js",
		"wss://cdn.example.com/socket",
		"about:srcdoc",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Foreign =\n%q\nwant\n%q", got, want)
	}
}

func TestFindHonoursChromePath(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "my-chrome")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROME_PATH", exe)
	if got := Find(); got != exe {
		t.Errorf("Find() = %q, want CHROME_PATH %q", got, exe)
	}
	t.Setenv("CHROME_PATH", filepath.Join(t.TempDir(), "missing"))
	if got := Find(); got != "" {
		t.Errorf("Find() with a missing CHROME_PATH = %q, want \"\"", got)
	}
}
