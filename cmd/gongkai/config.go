package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// config resolves settings in the documented order: flags, then GONGKAI_*
// environment variables, then the config file, then defaults.
func config(fs *pflag.FlagSet) (*viper.Viper, error) {
	v := viper.New()
	v.SetEnvPrefix("GONGKAI")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(fs); err != nil {
		return nil, err
	}
	file := v.GetString("config")
	if file == "" {
		file = defaultConfigFile()
	}
	if file != "" {
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("config %s: %w", file, err)
		}
		// A misspelt setting (fromat: csv) must not be silently ignored.
		var unknown []string
		for _, k := range v.AllKeys() {
			if fs.Lookup(k) == nil && v.InConfig(k) {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			var known []string
			fs.VisitAll(func(f *pflag.Flag) { known = append(known, f.Name) })
			return nil, fmt.Errorf("config %s: unknown setting %s (the settings are the flags: %s)", file, strings.Join(unknown, ", "), strings.Join(known, ", "))
		}
		v.Set("config", file) // so that the run can say which file it read
	}
	return v, badValue(fs, v, file)
}

// badValue checks the settings that are numbers, durations or switches,
// so that workers: abc is quoted with where it came from rather than read
// as 0.
func badValue(fs *pflag.FlagSet, v *viper.Viper, file string) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if err != nil {
			return
		}
		raw := fmt.Sprint(v.Get(f.Name))
		var perr error
		want := ""
		switch f.Value.Type() {
		case "int":
			_, perr = strconv.Atoi(strings.TrimSpace(raw))
			want = "a whole number"
		case "duration":
			_, perr = time.ParseDuration(strings.TrimSpace(raw))
			want = "a duration such as 30s or 2m"
		case "bool":
			_, perr = strconv.ParseBool(strings.TrimSpace(raw))
			want = "true or false"
		default:
			return
		}
		if perr == nil {
			return
		}
		from := "config " + file
		env := "GONGKAI_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		switch {
		case fs.Changed(f.Name):
			from = "the flag"
		case os.Getenv(env) != "":
			from = env
		}
		err = fmt.Errorf("--%s %q (from %s): want %s", f.Name, raw, from, want)
	})
	return err
}

// defaultConfigFile is ./gongkai.yaml, else the user's
// $XDG_CONFIG_HOME/gongkai/config.yaml, when one exists.
func defaultConfigFile() string {
	cands := []string{"gongkai.yaml"}
	if dir, err := os.UserConfigDir(); err == nil {
		cands = append(cands, filepath.Join(dir, "gongkai", "config.yaml"))
	}
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return c
		}
	}
	return ""
}
