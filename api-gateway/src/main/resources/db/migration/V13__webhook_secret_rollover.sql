-- A rotated-out signing secret stays valid until previous_secret_expires_at: every try until then carries a signature
-- under it too, so receivers can switch secrets without refusing the webhooks in between.
ALTER TABLE webhook_settings
    ADD COLUMN previous_secret_enc        VARCHAR(255) NULL AFTER secret_created_at,
    ADD COLUMN previous_secret_expires_at DATETIME(3)  NULL AFTER previous_secret_enc;
