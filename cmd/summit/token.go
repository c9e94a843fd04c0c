package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/summitkam/summit/internal/auth"
	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/viewer"
)

const tokenUsage = `usage:
  summit token create --role ROLE --name NAME [--user EMAIL] [--region REGION] [--expires 90d]
  summit token revoke --name NAME
  summit token list
`

// tokenCommand manages service tokens: bearer credentials for scripts and
// integrations. The secret is printed once, by create, on stdout alone (so
// TOKEN=$(summit token create …) works); only its hash is stored.
func tokenCommand(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, tokenUsage)
		return errors.New("token: no subcommand given")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("token "+sub, flag.ContinueOnError)
	var role, name, email, region, expires string
	switch sub {
	case "create":
		fs.StringVar(&role, "role", "", "the role the token grants: "+roleList())
		fs.StringVar(&name, "name", "", "a unique name for the token, e.g. erp-sync")
		fs.StringVar(&email, "user", "", "act for this user (email), never with more than the user's roles and regions; optional")
		fs.StringVar(&region, "region", "", "narrow a PARTNER_MANAGER token to this region; optional")
		fs.StringVar(&expires, "expires", "", "lifetime, e.g. 90d or 12h; default: no expiry")
	case "revoke":
		fs.StringVar(&name, "name", "", "name of the token to revoke")
	case "list":
	case "help", "-h", "--help":
		fmt.Fprint(os.Stdout, tokenUsage)
		return nil
	default:
		fmt.Fprint(os.Stderr, tokenUsage)
		return fmt.Errorf("token: unknown subcommand %q", sub)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("token %s: unexpected arguments %v", sub, fs.Args())
	}
	var lifetime time.Duration
	switch sub {
	case "create":
		if name == "" || role == "" {
			return fmt.Errorf("token create: --name and --role are required\n%s", tokenUsage)
		}
		if !viewer.Role(strings.ToUpper(role)).Valid() {
			return fmt.Errorf("token create: unknown role %q (want one of %s)", role, roleList())
		}
		var err error
		if lifetime, err = auth.ParseExpiry(expires); err != nil {
			return fmt.Errorf("token create: --expires: %w", err)
		}
	case "revoke":
		if name == "" {
			return fmt.Errorf("token revoke: --name is required")
		}
	}
	if err := cfg.Validate(); err != nil {
		return err
	}

	logger := cfg.Logger()
	db, err := database.Open(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer closeQuietly(db)
	if err := dbmigrate.ApplyWithLogger(ctx, db.URL, logger); err != nil {
		return err
	}
	store := &auth.TokenStore{Client: db.Client}
	ctx = viewer.System(ctx, "cli:token")
	by := cliActor()

	switch sub {
	case "create":
		secret, tok, err := store.Create(ctx, auth.NewToken{
			Name: name, Role: viewer.Role(strings.ToUpper(role)), UserEmail: email, Region: region, ExpiresIn: lifetime, CreatedBy: by,
		})
		if err != nil {
			return err
		}
		fmt.Println(secret)
		expiry := "never"
		if tok.ExpiresAt != nil {
			expiry = tok.ExpiresAt.Format(time.RFC3339)
		}
		fmt.Fprintf(os.Stderr, "created token %q (role %s, expires %s). It is shown only now: store it in a secret manager.\n"+
			"Use it as the header  Authorization: Bearer <token>\n", tok.Name, tok.Role, expiry)
	case "revoke":
		if err := store.Revoke(ctx, name, by); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "revoked token %q\n", name)
	case "list":
		toks, err := store.List(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "NAME\tROLE\tREGION\tUSER\tSTATUS\tCREATED\tCREATED BY\tLAST USED\tEXPIRES")
		now := time.Now()
		for _, t := range toks {
			userEmail := "-"
			if t.Edges.User != nil {
				userEmail = t.Edges.User.Email
			}
			status := "active"
			switch {
			case t.RevokedAt != nil:
				status = "revoked " + t.RevokedAt.Format(time.DateOnly)
			case t.ExpiresAt != nil && !now.Before(*t.ExpiresAt):
				status = "expired"
			}
			region := t.Region
			if region == "" {
				region = "-"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Name, t.Role, region, userEmail, status,
				t.CreatedAt.Format(time.DateTime), t.CreatedBy, formatTime(t.LastUsedAt), formatTime(t.ExpiresAt))
		}
		return w.Flush()
	}
	return nil
}

func roleList() string {
	roles := make([]string, len(viewer.AllRoles))
	for i, r := range viewer.AllRoles {
		roles[i] = string(r)
	}
	return strings.Join(roles, ", ")
}

// cliActor names who ran the command, for created_by and the audit trail.
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}

func formatTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateTime)
}
