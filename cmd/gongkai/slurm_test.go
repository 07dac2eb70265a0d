package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/batch"
)

// TestSlurmRecipe runs the README's Slurm job array on a private
// single-node cluster: munged, slurmctld and slurmd started here with their
// own key, state and spool folders, torn down by their process ids. The
// script is the README's, with only its paths substituted. While the array
// runs, one task is killed and requeued; it resumes from its own shard
// file. The merged shards must equal one unsharded run, record for record,
// and every task's log must hold the run's summary.
//
// It needs root and the Debian packages slurmctld, slurmd, slurm-client and
// munge (installed by .ci/apt-packages), and runs only when
// GONGKAI_SLURM_TEST=1 (.ci/run sets it): starting a cluster takes seconds.
func TestSlurmRecipe(t *testing.T) {
	if os.Getenv("GONGKAI_SLURM_TEST") != "1" {
		t.Skip("GONGKAI_SLURM_TEST=1 runs the Slurm recipe on a private cluster (.ci/run sets it)")
	}
	for _, tool := range []string{"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: install the Debian packages slurmctld slurmd slurm-client munge", tool)
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("the private cluster's daemons run as root")
	}
	corpusFiles, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "real", "*"))
	gen, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "generated", "*.*"))
	corpusFiles = append(corpusFiles, gen...)
	if len(corpusFiles) == 0 {
		t.Skip("no ../shared/corpus beside the repository")
	}
	// The archive holds a PDF without a text layer; read by OCR, its eight
	// copies would cost minutes in each run (and, on a loaded machine, a
	// copy could pass --timeout in one run and not the other). OCR is
	// tested on its own; here every run leaves it off, through the
	// environment that sbatch passes on to the tasks.
	t.Setenv("GONGKAI_OCR", "off")
	bin := binary(t)
	dir := t.TempDir()
	c := startCluster(t, dir)

	// An archive of a few hundred corpus files.
	archive := filepath.Join(dir, "archive")
	for copyN := 0; copyN < 8; copyN++ {
		sub := filepath.Join(archive, fmt.Sprintf("c%d", copyN))
		os.MkdirAll(sub, 0o755)
		for _, f := range corpusFiles {
			if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() {
				continue
			}
			b, _ := os.ReadFile(f)
			os.WriteFile(filepath.Join(sub, filepath.Base(f)), b, 0o644)
		}
	}
	// and, so that the task killed below is caught mid-run with records
	// already written, many small files in its shard.
	const victim = 5
	sample, err := os.ReadFile(filepath.Join(samples, "sample-town-2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(archive, "many"), 0o755)
	for i, n := 0, 0; n < 1500; i++ {
		name := fmt.Sprintf("many/report-%05d.txt", i)
		if (batch.Shard{K: victim, N: 32}).Has(name) {
			os.WriteFile(filepath.Join(archive, name), append(sample, fmt.Sprintf("\n%d\n", i)...), 0o644)
			n++
		}
	}
	work := filepath.Join(dir, "work")
	os.MkdirAll(filepath.Join(work, "out"), 0o755)
	script := readmeRecipe(t)
	script = strings.ReplaceAll(script, "/data/archive", archive)
	script = strings.Replace(script, "gongkai extract", bin+" extract", 1)
	os.WriteFile(filepath.Join(work, "job.sh"), []byte(script), 0o755)

	out := c.run(t, work, "sbatch", "--parsable", "job.sh")
	job := strings.TrimSpace(strings.Split(out, ";")[0])
	// Kill a task once it has written records, then requeue it: it
	// resumes from its shard file.
	task := fmt.Sprintf("%s_%d", job, victim)
	shardFile := filepath.Join(work, "out", fmt.Sprintf("shard-%d.jsonl", victim))
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		st := strings.TrimSpace(c.run(t, work, "squeue", "-h", "-j", task, "-o", "%T"))
		if fi, err := os.Stat(shardFile); st == "" || st == "RUNNING" && err == nil && fi.Size() > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.try(work, "scancel", "--signal=KILL", task)
	time.Sleep(time.Second)
	c.run(t, work, "scontrol", "requeue", task)
	// Slurm holds a requeued job back for two minutes; the test need not wait.
	c.try(work, "scontrol", "update", "JobId="+task, "StartTime=now")
	for time.Now().Before(deadline.Add(3 * time.Minute)) {
		if strings.TrimSpace(c.run(t, work, "squeue", "-h", "-j", job)) == "" {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if q := strings.TrimSpace(c.run(t, work, "squeue", "-h", "-j", job)); q != "" {
		t.Fatalf("the array did not end:\n%s", q)
	}

	// Every task's log holds the summary; the requeued one ran twice.
	logs, _ := filepath.Glob(filepath.Join(work, "slurm-*.out"))
	if len(logs) != 32 {
		t.Errorf("%d task logs, want 32", len(logs))
	}
	if b, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("slurm-%s.out", task))); err != nil || !bytes.Contains(b, []byte("after the")) {
		t.Errorf("the requeued task did not resume from its shard file; its log:\n%s", b)
	} else {
		t.Logf("the requeued task's log:\n%s", b)
	}
	summary := regexp.MustCompile(`(?m)^gongkai: \d+ files in `)
	for _, l := range logs {
		if b, _ := os.ReadFile(l); !summary.Match(b) {
			t.Errorf("%s has no summary line:\n%s", filepath.Base(l), b)
		}
	}
	merged := filepath.Join(dir, "merged.jsonl")
	shards, _ := filepath.Glob(filepath.Join(work, "out", "shard-*.jsonl"))
	if code, _, errs := runCLI(t, append([]string{"merge", "-q", merged}, shards...)...); code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	single := filepath.Join(dir, "single.jsonl")
	if b, err := exec.Command(bin, "extract", "-q", "-o", single, archive).CombinedOutput(); err != nil && !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("unsharded run: %v: %s", err, b)
	}
	a, b := recordsByPath(t, merged), recordsByPath(t, single)
	if len(a) != len(b) || len(a) < 200 {
		t.Fatalf("%d merged records, %d in one run", len(a), len(b))
	}
	for p, rec := range b {
		if a[p] != rec {
			t.Errorf("%s: the merged record differs from one run's", p)
		}
	}
}

// readmeRecipe is the Slurm script block of README.md, as written there.
func readmeRecipe(t *testing.T) string {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)Slurm job array[^\n]*\n+```sh\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("README.md has no Slurm job array script")
	}
	return string(m[1])
}

// recordsByPath reads a JSON Lines file into canonical JSON by path.
func recordsByPath(t *testing.T, name string) map[string]string {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		src := m["source"].(map[string]any)
		c, _ := json.Marshal(m)
		out[src["path"].(string)] = string(c)
	}
	return out
}

// cluster is a private Slurm cluster of one node.
type cluster struct {
	env  []string
	pids []int
}

// startCluster writes a munge key and a slurm.conf under dir, starts the
// daemons, and registers their teardown by process id.
func startCluster(t *testing.T, dir string) *cluster {
	host, _ := os.Hostname()
	host, _, _ = strings.Cut(host, ".")
	for _, d := range []string{"state", "spool", "log"} {
		os.MkdirAll(filepath.Join(dir, d), 0o700)
	}
	key := make([]byte, 1024)
	rand.Read(key)
	keyFile := filepath.Join(dir, "munge.key")
	os.WriteFile(keyFile, key, 0o400)
	sock := filepath.Join(dir, "munge.sock")
	port := 17000 + os.Getpid()%2000 // two test runs on one machine do not meet
	conf := fmt.Sprintf(`ClusterName=gongkaitest
SlurmctldHost=%[1]s
SlurmUser=root
SlurmctldPort=%[3]d
SlurmdPort=%[4]d
AuthType=auth/munge
AuthInfo=socket=%[2]s/munge.sock
CredType=cred/munge
StateSaveLocation=%[2]s/state
SlurmdSpoolDir=%[2]s/spool
SlurmctldPidFile=%[2]s/slurmctld.pid
SlurmdPidFile=%[2]s/slurmd.pid
SlurmctldLogFile=%[2]s/log/slurmctld.log
SlurmdLogFile=%[2]s/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
JobRequeue=1
NodeName=%[1]s CPUs=64 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
`, host, dir, port, port+1)
	confFile := filepath.Join(dir, "slurm.conf")
	os.WriteFile(confFile, []byte(conf), 0o644)
	c := &cluster{env: append(os.Environ(), "SLURM_CONF="+confFile)}
	t.Cleanup(func() { c.stop(t, dir) })
	start := func(pidFile string, name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Env = c.env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", name, err, b)
		}
		for i := 0; i < 50; i++ {
			if b, err := os.ReadFile(filepath.Join(dir, pidFile)); err == nil {
				if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
					c.pids = append(c.pids, pid)
					return
				}
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("%s wrote no pid file", name)
	}
	start("munged.pid", "munged", "-f", "-S", sock, "--key-file="+keyFile, "--pid-file="+filepath.Join(dir, "munged.pid"),
		"--log-file="+filepath.Join(dir, "log", "munged.log"), "--seed-file="+filepath.Join(dir, "munge.seed"))
	start("slurmctld.pid", "slurmctld", "-f", confFile)
	start("slurmd.pid", "slurmd", "-f", confFile)
	for i := 0; i < 100; i++ {
		if out, err := c.output("", "sinfo", "-h", "-o", "%T"); err == nil && strings.Contains(out, "idle") {
			return c
		}
		time.Sleep(200 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(dir, "log", "slurmctld.log"))
	t.Fatalf("the node never became idle:\n%s", log)
	return nil
}

func (c *cluster) output(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir = c.env, dir
	b, err := cmd.CombinedOutput()
	return string(b), err
}

func (c *cluster) run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	out, err := c.output(dir, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// try runs a command whose failure is no error (scancel of a task that
// just finished).
func (c *cluster) try(dir, name string, args ...string) { c.output(dir, name, args...) }

// stop ends the daemons by their process ids, last started first, never
// by name.
func (c *cluster) stop(t *testing.T, dir string) {
	for i := len(c.pids) - 1; i >= 0; i-- {
		pid := c.pids[i]
		if p, err := os.FindProcess(pid); err == nil {
			p.Kill()
			p.Wait()
		}
	}
	if t.Failed() {
		for _, l := range []string{"slurmctld.log", "slurmd.log"} {
			b, _ := os.ReadFile(filepath.Join(dir, "log", l))
			t.Logf("%s:\n%s", l, b)
		}
	}
}
