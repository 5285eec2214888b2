-- Notices are published in several languages: a consent record keeps which text was shown.
ALTER TABLE consent_record ADD COLUMN notice_language text NOT NULL DEFAULT 'en';
ALTER TABLE cookie_consent ADD COLUMN notice_language text NOT NULL DEFAULT 'en';
