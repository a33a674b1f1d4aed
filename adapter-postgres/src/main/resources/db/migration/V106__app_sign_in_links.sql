-- The web app's one-time sign-in links (docs/api.md, POST /api/v1/auth/link). A link is a signed token
-- the operator's `token --link` prints; only its id (jti) is kept here, from its first use until it
-- expires, so that it signs in once on whichever node it is presented. A link past its expiry is refused
-- by its signature's time alone, so its row may go: each use deletes the user's expired rows.
CREATE TABLE app_sign_in_links (
    user_id     text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    link_id     text        NOT NULL CHECK (link_id ~ '^[A-Za-z0-9_-]{16,64}$'),
    used_at     timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (user_id, link_id)
);

ALTER TABLE app_sign_in_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_sign_in_links FORCE ROW LEVEL SECURITY;
CREATE POLICY app_sign_in_links_isolation ON app_sign_in_links
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
