-- Sign-in throttling: consecutive failed passwords, and until when the account refuses every password after too many.
ALTER TABLE portal_user
    ADD COLUMN failed_logins INT NOT NULL DEFAULT 0,
    ADD COLUMN locked_until TIMESTAMP(3) NULL;
