package pgembed

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const passwordFile = "password"

// loadOrCreatePassword returns the superuser password kept in
// dataDir/password, generating it when missing. It is generated once and kept
// because the cluster stores only its hash: a restart must reuse it.
//
// The file belongs to the calling user with mode 0600, not to the server user:
// the server never needs it, and a secret is best kept by as few users as
// possible.
func loadOrCreatePassword(dataDir string, clusterExists bool) (string, error) {
	path := filepath.Join(dataDir, passwordFile)

	content, err := os.ReadFile(path)
	switch {
	case err == nil:
		password := strings.TrimSpace(string(content))
		if password == "" {
			return "", fmt.Errorf("password file %s is empty", path)
		}
		return password, nil

	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("error reading password file: %w", err)

	case clusterExists:
		// Generating a new one would lock us out: the cluster has the old hash.
		return "", fmt.Errorf("password file %s is missing but the cluster in %s exists: restore the file, or delete the folder to start from scratch",
			path, filepath.Join(dataDir, pgdataDir))
	}

	// rand.Text is base32 (A-Z, 2-7): 128 bits and nothing to escape in a URL.
	password := rand.Text()
	if err := writeFileAtomic(path, []byte(password+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("error writing password file: %w", err)
	}
	return password, nil
}

// writeFileAtomic writes through a temporary file and a rename so that a
// crash never leaves a half-written file behind.
func writeFileAtomic(path string, content []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // No-op after a successful rename.

	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
