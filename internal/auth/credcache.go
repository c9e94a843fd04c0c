package auth

import (
	"sync"
	"time"

	"github.com/summitkam/summit/internal/viewer"
)

// credentialCacheLimit bounds the viewers kept: past it, expired entries
// are dropped, and if none has expired the cache starts over.
const credentialCacheLimit = 10_000

// credentialCache remembers, for a short time, the viewer a credential (a
// session cookie or a service token, by the hash of its secret) resolved
// to, so that a burst of requests with one credential costs one lookup of
// the session or token, the user and their roles instead of three
// statements per request. Only successful lookups are kept: an unknown
// secret is looked up every time.
//
// What is kept may be stale by at most the TTL: a session deleted or a
// token revoked by another process, a deactivated user or a changed role
// assignment takes effect within Config.CredentialCacheTTL. Signing out
// and signing in through this process take effect at once (forget,
// forgetUser).
type credentialCache struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]cachedViewer
}

type cachedViewer struct {
	v       viewer.Viewer
	expires time.Time
}

func newCredentialCache(ttl time.Duration) *credentialCache {
	return &credentialCache{ttl: ttl, m: map[string]cachedViewer{}}
}

// get returns a copy of the viewer kept for key, or nil.
func (c *credentialCache) get(key string, now time.Time) *viewer.Viewer {
	if c == nil || c.ttl <= 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return nil
	}
	if !now.Before(e.expires) {
		delete(c.m, key)
		return nil
	}
	v := e.v
	return &v
}

// put keeps a copy of v for key until now + TTL, or until limit if sooner
// (a session's own end).
func (c *credentialCache) put(key string, v *viewer.Viewer, now, limit time.Time) {
	if c == nil || c.ttl <= 0 || v == nil {
		return
	}
	expires := now.Add(c.ttl)
	if !limit.IsZero() && limit.Before(expires) {
		expires = limit
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= credentialCacheLimit {
		for k, e := range c.m {
			if !now.Before(e.expires) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= credentialCacheLimit {
			clear(c.m)
		}
	}
	c.m[key] = cachedViewer{v: *v, expires: expires}
}

// forget drops what is kept for key (a session that just ended).
func (c *credentialCache) forget(key string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
}

// forgetUser drops every credential of userID (their roles just changed).
func (c *credentialCache) forgetUser(userID int) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.v.UserID == userID {
			delete(c.m, k)
		}
	}
}
