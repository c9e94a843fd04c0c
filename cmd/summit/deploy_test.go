package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// readEnvNames are the environment variables the binary reads (config.FromEnv).
func readEnvNames(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../../internal/config/config.go")
	require.NoError(t, err)
	return string(src)
}

var envName = regexp.MustCompile(`\b(SUMMIT_[A-Z_]+|DATABASE_URL)\b`)

// deploy/compose.yaml is checked as far as can be without Docker: its
// structure, that every dependency names a service (healthy ones with a
// healthcheck), that each Summit service runs a real subcommand, and that
// every variable it sets is one the binary reads.
func TestComposeFile(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../deploy/compose.yaml")
	require.NoError(t, err)
	var compose struct {
		Services map[string]struct {
			Image       string                       `yaml:"image"`
			Build       map[string]string            `yaml:"build"`
			Command     []string                     `yaml:"command"`
			Environment map[string]string            `yaml:"environment"`
			Healthcheck map[string]any               `yaml:"healthcheck"`
			DependsOn   map[string]map[string]string `yaml:"depends_on"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(false)
	require.NoError(t, dec.Decode(&compose))
	require.Subset(t, keys(compose.Services), []string{"postgres", "migrate", "api", "worker"})
	config := readEnvNames(t)
	subcommands := map[string]bool{"serve": true, "work": true, "migrate": true}
	for name, svc := range compose.Services {
		require.True(t, svc.Image != "" || svc.Build != nil, "%s has no image", name)
		for dep, cond := range svc.DependsOn {
			target, ok := compose.Services[dep]
			require.True(t, ok, "%s depends on unknown %s", name, dep)
			switch cond["condition"] {
			case "service_healthy":
				require.NotNil(t, target.Healthcheck, "%s waits for %s to be healthy, which has no healthcheck", name, dep)
			case "service_completed_successfully", "service_started":
			default:
				t.Fatalf("%s: unknown condition %q", name, cond["condition"])
			}
		}
		if name == "postgres" {
			continue
		}
		require.NotEmpty(t, svc.Command, name)
		require.True(t, subcommands[svc.Command[0]], "%s runs unknown subcommand %q", name, svc.Command[0])
		for k := range svc.Environment {
			require.Contains(t, config, `"`+k+`"`, "%s sets %s, which Summit does not read", name, k)
		}
	}
	require.Equal(t, "true", compose.Services["api"].Environment["SUMMIT_API_ONLY"])
	if b := compose.Services["migrate"].Build; b != nil {
		_, err := os.Stat(filepath.Join("../../deploy", b["context"], b["dockerfile"]))
		require.NoError(t, err, "the build's Dockerfile")
	}
}

// The Helm chart's files parse, it has every object the issue asks for, and
// every variable its templates set is one the binary reads. (Rendering with
// Helm itself and validating against the Kubernetes schemas is not done
// here; see docs/operations.md.)
func TestHelmChartFiles(t *testing.T) {
	t.Parallel()
	dir := "../../deploy/helm/summit"
	for _, f := range []string{"Chart.yaml", "values.yaml"} {
		raw, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		var v map[string]any
		require.NoError(t, yaml.Unmarshal(raw, &v), f)
	}
	templates, err := filepath.Glob(filepath.Join(dir, "templates", "*"))
	require.NoError(t, err)
	var all strings.Builder
	for _, f := range templates {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		all.Write(raw)
		require.Equal(t, strings.Count(string(raw), "{{"), strings.Count(string(raw), "}}"), "unbalanced actions in %s", f)
	}
	text := all.String()
	for _, kind := range []string{"kind: Deployment", "kind: Job", "kind: Service", "kind: Ingress", "kind: HorizontalPodAutoscaler",
		"kind: PodDisruptionBudget", "kind: ServiceMonitor", "kind: Secret", "helm.sh/hook: pre-install,pre-upgrade",
		"path: /livez", "path: /readyz", `args: ["serve"]`, `args: ["work"]`, `args: ["migrate"]`} {
		require.Contains(t, text, kind)
	}
	config := readEnvNames(t)
	for _, name := range envName.FindAllString(text, -1) {
		require.Contains(t, config, `"`+name+`"`, "the chart sets %s, which Summit does not read", name)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
