package deploy_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// compose is the part of the Compose file format these tests read.
type compose struct {
	Services map[string]service `yaml:"services"`
	Volumes  map[string]any     `yaml:"volumes"`
}

type service struct {
	Image       string         `yaml:"image"`
	Build       any            `yaml:"build"`
	Restart     string         `yaml:"restart"`
	Ports       []string       `yaml:"ports"`
	Environment environment    `yaml:"environment"`
	Volumes     []string       `yaml:"volumes"`
	DependsOn   map[string]dep `yaml:"depends_on"`
	Healthcheck *healthcheck   `yaml:"healthcheck"`
}

type dep struct {
	Condition string `yaml:"condition"`
}

type healthcheck struct {
	Test     stringOrList `yaml:"test"`
	Disable  bool         `yaml:"disable"`
	Interval string       `yaml:"interval"`
}

// environment accepts both spellings Compose allows: a map, or a list of
// NAME=value strings.
type environment map[string]string

func (e *environment) UnmarshalYAML(n *yaml.Node) error {
	*e = environment{}
	switch n.Kind {
	case yaml.MappingNode:
		var m map[string]string
		if err := n.Decode(&m); err != nil {
			return err
		}
		for k, v := range m {
			(*e)[k] = v
		}
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			return err
		}
		for _, kv := range l {
			k, v, _ := strings.Cut(kv, "=")
			(*e)[k] = v
		}
	default:
		return fmt.Errorf("environment: unexpected YAML kind %v", n.Kind)
	}
	return nil
}

// stringOrList is a healthcheck test: ["CMD", ...], ["CMD-SHELL", "..."] or
// a plain string, which Compose runs as CMD-SHELL.
type stringOrList []string

func (s *stringOrList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{"CMD-SHELL", n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

func load(t *testing.T) compose {
	t.Helper()
	b, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c compose
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(false)
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	return c
}

func mustService(t *testing.T, c compose, name string) service {
	t.Helper()
	s, ok := c.Services[name]
	if !ok {
		t.Fatalf("docker-compose.yml has no service %q (has %v)", name, keys(c.Services))
	}
	return s
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// published maps container ports to host ports from "host:container" or
// "ip:host:container" entries.
func published(t *testing.T, s service) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range s.Ports {
		p, _, _ = strings.Cut(p, "/")
		parts := strings.Split(p, ":")
		container := parts[len(parts)-1]
		host := ""
		if len(parts) > 1 {
			host = parts[len(parts)-2]
		}
		out[container] = host
	}
	return out
}

func checkHealthcheck(t *testing.T, name string, s service, mentions ...string) {
	t.Helper()
	h := s.Healthcheck
	if h == nil || h.Disable || len(h.Test) < 2 {
		t.Errorf("%s: no healthcheck with a test command", name)
		return
	}
	if h.Test[0] != "CMD" && h.Test[0] != "CMD-SHELL" {
		t.Errorf("%s: healthcheck test starts with %q, want CMD or CMD-SHELL", name, h.Test[0])
	}
	cmd := strings.Join(h.Test[1:], " ")
	for _, m := range mentions {
		if !strings.Contains(cmd, m) {
			t.Errorf("%s: healthcheck %q does not mention %q", name, cmd, m)
		}
	}
}

func TestComposeServices(t *testing.T) {
	c := load(t)
	neo := mustService(t, c, "neo4j")
	app := mustService(t, c, "tradegraph")

	if !regexp.MustCompile(`^neo4j:5(\.\d+)*-community$`).MatchString(neo.Image) {
		t.Errorf("neo4j image = %q, want neo4j:5…-community", neo.Image)
	}
	neoPorts := published(t, neo)
	for _, p := range []string{"7474", "7687"} {
		if _, ok := neoPorts[p]; !ok {
			t.Errorf("neo4j does not publish port %s (ports %v)", p, neo.Ports)
		}
	}
	checkHealthcheck(t, "neo4j", neo, "cypher-shell", "7687")
	checkHealthcheck(t, "tradegraph", app, "/healthz", "8080")

	if app.Build == nil {
		t.Error("tradegraph has no build:, so compose cannot build the image")
	}
	if ctx, ok := app.Build.(string); ok && ctx != "." {
		t.Errorf("tradegraph builds from %q, want the repository root", ctx)
	}
	if app.Restart == "" || app.Restart == "no" {
		t.Errorf("tradegraph restart policy = %q", app.Restart)
	}
	if got := app.DependsOn["neo4j"].Condition; got != "service_healthy" {
		t.Errorf("tradegraph depends_on neo4j condition = %q, want service_healthy", got)
	}
	if _, ok := published(t, app)["8080"]; !ok {
		t.Errorf("tradegraph does not publish 8080 (ports %v)", app.Ports)
	}
}

func TestComposeWiring(t *testing.T) {
	c := load(t)
	neo := mustService(t, c, "neo4j")
	env := mustService(t, c, "tradegraph").Environment

	if env["TRADEGRAPH_STORE"] != "neo4j" {
		t.Errorf("TRADEGRAPH_STORE = %q, want neo4j", env["TRADEGRAPH_STORE"])
	}
	if env["NEO4J_DATABASE"] == "" {
		t.Error("NEO4J_DATABASE is not set")
	}
	_, port, err := net.SplitHostPort(env["TRADEGRAPH_ADDR"])
	if err != nil || port != "8080" || !strings.HasPrefix(env["TRADEGRAPH_ADDR"], "0.0.0.0:") {
		t.Errorf("TRADEGRAPH_ADDR = %q, want 0.0.0.0:8080 so the published port reaches it", env["TRADEGRAPH_ADDR"])
	}

	u, err := url.Parse(env["NEO4J_URI"])
	if err != nil {
		t.Fatalf("NEO4J_URI: %v", err)
	}
	if u.Scheme != "bolt" && u.Scheme != "neo4j" {
		t.Errorf("NEO4J_URI scheme = %q, want bolt or neo4j", u.Scheme)
	}
	if _, ok := c.Services[u.Hostname()]; !ok || u.Hostname() != "neo4j" {
		t.Errorf("NEO4J_URI host %q is not the neo4j service", u.Hostname())
	}
	if u.Port() != "7687" {
		t.Errorf("NEO4J_URI port = %q, want Bolt's 7687", u.Port())
	}
	if _, ok := published(t, neo)[u.Port()]; !ok {
		t.Errorf("neo4j does not serve Bolt on %s", u.Port())
	}

	user, pass, ok := strings.Cut(neo.Environment["NEO4J_AUTH"], "/")
	if !ok {
		t.Fatalf("NEO4J_AUTH = %q, want user/password", neo.Environment["NEO4J_AUTH"])
	}
	if env["NEO4J_USERNAME"] != user {
		t.Errorf("NEO4J_USERNAME = %q, but NEO4J_AUTH makes user %q", env["NEO4J_USERNAME"], user)
	}
	if env["NEO4J_PASSWORD"] != pass {
		t.Errorf("NEO4J_PASSWORD = %q, but NEO4J_AUTH sets %q; they must be the same expression", env["NEO4J_PASSWORD"], pass)
	}
	m := regexp.MustCompile(`^\$\{NEO4J_PASSWORD(?::-(.*))?\}$`).FindStringSubmatch(pass)
	if m == nil {
		t.Errorf("the password %q does not come from ${NEO4J_PASSWORD}", pass)
	} else if m[1] != "" && len(m[1]) < 8 {
		t.Errorf("default password %q is shorter than the 8 characters Neo4j 5 accepts", m[1])
	}
	// The Neo4j image turns every NEO4J_* variable into a setting, so the
	// client's variables must not be given to it.
	for _, k := range []string{"NEO4J_PASSWORD", "NEO4J_USERNAME", "NEO4J_URI"} {
		if _, ok := neo.Environment[k]; ok {
			t.Errorf("neo4j service sets %s, which Neo4j reads as an unknown setting", k)
		}
	}
}

func TestComposeVolumes(t *testing.T) {
	c := load(t)
	mounts := map[string]string{}
	for name, s := range c.Services {
		for _, v := range s.Volumes {
			src, dst, ok := strings.Cut(v, ":")
			if !ok {
				continue
			}
			dst, _, _ = strings.Cut(dst, ":")
			if name == "neo4j" {
				mounts[dst] = src
			}
			if strings.HasPrefix(src, ".") || strings.HasPrefix(src, "/") || strings.HasPrefix(src, "~") {
				continue
			}
			if _, ok := c.Volumes[src]; !ok {
				t.Errorf("%s mounts volume %q, which is not declared under volumes:", name, src)
			}
		}
	}
	for _, dir := range []string{"/data", "/logs"} {
		src, ok := mounts[dir]
		if !ok {
			t.Errorf("neo4j has no volume for %s", dir)
		} else if _, named := c.Volumes[src]; !named {
			t.Errorf("neo4j %s is on %q, want a named volume", dir, src)
		}
	}
}

// instruction is one Dockerfile line with its continuations joined.
type instruction struct {
	op, args string
}

func dockerfile(t *testing.T) [][]instruction {
	t.Helper()
	f, err := os.Open("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var stages [][]instruction
	var line strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if line.Len() == 0 && (s == "" || strings.HasPrefix(s, "#")) {
			continue
		}
		if rest, ok := strings.CutSuffix(s, "\\"); ok {
			line.WriteString(rest + " ")
			continue
		}
		line.WriteString(s)
		op, args, _ := strings.Cut(strings.TrimSpace(line.String()), " ")
		line.Reset()
		in := instruction{strings.ToUpper(op), strings.TrimSpace(args)}
		if in.op == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			t.Fatalf("Dockerfile: %s before the first FROM", in.op)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return stages
}

func find(stage []instruction, op string) []string {
	var out []string
	for _, in := range stage {
		if in.op == op {
			out = append(out, in.args)
		}
	}
	return out
}

func TestDockerfile(t *testing.T) {
	stages := dockerfile(t)
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stage(s), want a build stage and a runtime stage", len(stages))
	}
	build, final := stages[0], stages[len(stages)-1]

	from := strings.Fields(build[0].args)
	if len(from) < 3 || !strings.HasPrefix(from[0], "golang:1.26") || !strings.EqualFold(from[1], "AS") {
		t.Fatalf("first stage is %q, want FROM golang:1.26… AS name", build[0].args)
	}
	buildName := from[2]
	var built bool
	for _, run := range find(build, "RUN") {
		if strings.Contains(run, "go build") && strings.Contains(run, "./cmd/tradegraph") {
			built = true
			if !strings.Contains(run, "CGO_ENABLED=0") {
				t.Errorf("go build without CGO_ENABLED=0: %q", run)
			}
		}
	}
	if !built {
		t.Error("no RUN go build … ./cmd/tradegraph in the build stage")
	}

	var copied, examples bool
	for _, c := range find(final, "COPY") {
		if strings.Contains(c, "--from="+buildName) {
			copied = true
		}
		if strings.HasPrefix(strings.Fields(c)[0], "testdata/articles") {
			examples = true
		}
	}
	if !copied {
		t.Errorf("the runtime stage copies nothing from stage %q", buildName)
	}
	if !examples {
		t.Error("the runtime stage does not copy testdata/articles, so a first start has no examples")
	} else if _, err := os.Stat("../testdata/articles"); err != nil {
		t.Errorf("the Dockerfile copies testdata/articles, but the build would fail: %v", err)
	}

	users := find(final, "USER")
	if len(users) == 0 {
		t.Error("the runtime stage has no USER, so it runs as root")
	} else if u, _, _ := strings.Cut(users[len(users)-1], ":"); u == "root" || u == "0" {
		t.Errorf("the runtime stage runs as %q", users[len(users)-1])
	}

	c := load(t)
	composePorts := published(t, mustService(t, c, "tradegraph"))
	exposed := find(final, "EXPOSE")
	if len(exposed) == 0 {
		t.Error("no EXPOSE in the runtime stage")
	}
	for _, e := range exposed {
		for _, p := range strings.Fields(e) {
			p, _, _ = strings.Cut(p, "/")
			if _, ok := composePorts[p]; !ok {
				t.Errorf("Dockerfile exposes %s, docker-compose.yml publishes %v", p, mustService(t, c, "tradegraph").Ports)
			}
		}
	}

	env := strings.Join(find(final, "ENV"), " ")
	if !strings.Contains(env, "TRADEGRAPH_ADDR=0.0.0.0:8080") {
		t.Errorf("the runtime stage does not set TRADEGRAPH_ADDR=0.0.0.0:8080 (ENV %q)", env)
	}
	if got := find(final, "ENTRYPOINT"); len(got) != 1 || !strings.Contains(got[0], "tradegraph") {
		t.Errorf("ENTRYPOINT = %q, want tradegraph", got)
	}
	if got := find(final, "CMD"); len(got) != 1 || strings.ReplaceAll(got[0], " ", "") != `["serve"]` {
		t.Errorf("CMD = %q, want [\"serve\"]", got)
	}
}

// TestDockerignoreKeepsSources guards against an ignore pattern that would
// leave the build without what it compiles or copies.
func TestDockerignoreKeepsSources(t *testing.T) {
	b, err := os.ReadFile("../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		p := strings.TrimPrefix(strings.TrimSpace(line), "/")
		if p == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "!") {
			continue
		}
		for _, need := range []string{"go.mod", "go.sum", "cmd/tradegraph/main.go", "testdata/articles", "server/assets/playground/graphiql.min.js"} {
			if ok, _ := filepath.Match(p, need); ok || p == "*" || strings.HasPrefix(need, strings.TrimSuffix(p, "/")+"/") {
				t.Errorf(".dockerignore pattern %q drops %s", p, need)
			}
		}
	}
}

// TestComposeConfig asks the docker CLI to validate the file when a CLI
// with the compose plugin is installed. `config` needs no engine; when the
// plugin is missing the structural tests above are all there is.
func TestComposeConfig(t *testing.T) {
	docker, err := exec.LookPath("docker")
	if err != nil {
		t.Skip("no docker CLI; docker-compose.yml checked structurally only")
	}
	if err := exec.Command(docker, "compose", "version").Run(); err != nil {
		t.Skip("docker CLI has no compose plugin; docker-compose.yml checked structurally only")
	}
	out, err := exec.Command(docker, "compose", "-f", "../docker-compose.yml", "config", "--quiet").CombinedOutput()
	if err != nil {
		if bytes.Contains(out, []byte("daemon")) {
			t.Skipf("docker compose config wants an engine here: %s", out)
		}
		t.Fatalf("docker compose config: %v\n%s", err, out)
	}
}
