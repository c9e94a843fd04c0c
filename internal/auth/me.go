package auth

import (
	"net/http"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/viewer"
)

// Me is the answer of GET /auth/me: who the app is talking to.
type Me struct {
	// ID is the user's id (users.id, also their GraphQL id); nil for a
	// service token not bound to a user.
	ID      *int          `json:"id"`
	Kind    viewer.Kind   `json:"kind"`
	Email   string        `json:"email,omitempty"`
	Name    string        `json:"name"`
	Locale  string        `json:"locale,omitempty"`
	Roles   []viewer.Role `json:"roles"`
	Regions []string      `json:"regions"`
}

func (s *Service) handleMe(w http.ResponseWriter, r *http.Request) {
	v := viewer.FromContext(r.Context())
	if v == nil {
		writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "authentication required")
		return
	}
	me := Me{Kind: v.Kind, Name: v.Label, Roles: v.Roles, Regions: v.Regions}
	if me.Roles == nil {
		me.Roles = []viewer.Role{}
	}
	if me.Regions == nil {
		me.Regions = []string{}
	}
	if v.UserID != 0 {
		u, err := s.client.User.Query().Where(user.ID(v.UserID)).Only(system(r.Context()))
		if err != nil && !ent.IsNotFound(err) {
			s.logger.ErrorContext(r.Context(), "auth: error loading user", "user_id", v.UserID, "error", err)
			writeError(w, http.StatusInternalServerError, CodeInternal, "internal server error")
			return
		}
		if u != nil {
			me.ID = &u.ID
			me.Email, me.Locale = u.Email, u.Locale
			if v.Kind == viewer.KindUser {
				me.Name = u.Name
			}
		}
	}
	writeJSON(w, http.StatusOK, me)
}
