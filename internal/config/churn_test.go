package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestChurnSettings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}

	c := Config{}.WithDefaults()
	if at, err := c.ChurnScanTime(); err != nil || at != 2*time.Hour {
		t.Fatalf("default scan time = %v, %v; want 2h", at, err)
	}
	if m, err := c.ChurnModel(); err != nil || m.Bands.High != 55 {
		t.Fatalf("default model = %+v, %v; want the built-in model", m.Bands, err)
	}

	c.ChurnScanAt = "off"
	if at, err := c.ChurnScanTime(); err != nil || at >= 0 {
		t.Fatalf("off = %v, %v; want negative", at, err)
	}
	c.ChurnScanAt = "25:00"
	if err := c.Validate(); err == nil {
		t.Fatal("25:00 accepted")
	}

	c = Config{ChurnModelFile: write("ok.json", `{"version":"acme-2","bands":{"high":60}}`)}.WithDefaults()
	m, err := c.ChurnModel()
	if err != nil || m.Version != "acme-2" || m.Bands.High != 60 || m.Bands.Medium != 25 {
		t.Fatalf("model from file = %+v, %v; want acme-2 with high 60 and the other defaults", m.Bands, err)
	}
	for name, body := range map[string]string{
		"typo.json":    `{"bandz":{"high":60}}`,
		"invalid.json": `{"bands":{"medium":70,"high":60}}`,
		"broken.json":  `{"bands":`,
	} {
		c := Config{ChurnModelFile: write(name, body)}.WithDefaults()
		if err := c.Validate(); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if err := (Config{ChurnModelFile: filepath.Join(dir, "missing.json")}.WithDefaults()).Validate(); err == nil {
		t.Error("a missing model file accepted")
	}
}
