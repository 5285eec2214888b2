-- The processors/recipients register (policy section R, storage places of section L), kept as data
-- so the generated privacy policy and the Art. 30 record read the same source. Staff with the
-- privacy role edit it; these rows are the policy's own starting point.

CREATE TABLE processor (
  id                  text PRIMARY KEY,
  promise             text NOT NULL,
  name                text NOT NULL,
  service             text NOT NULL,
  data_shared         text NOT NULL,
  countries           text[] NOT NULL,
  transfer_safeguard  text,
  updated_at          timestamptz NOT NULL,
  updated_by          text
);

INSERT INTO processor (id, promise, name, service, data_shared, countries, transfer_safeguard, updated_at) VALUES
  ('invoicing', 'R1', 'Invoicing provider', 'Issues and stores invoices', 'Name, VAT number when asked on the invoice, address, email', ARRAY['GB'], 'Adequacy decision (United Kingdom)', '2026-11-25T00:00:00Z'),
  ('registrars', 'R2', 'Domain registrars', 'Registers domains at the customer''s request', 'Name, email, phone, VAT number', ARRAY['PT', 'DE'], NULL, '2026-11-25T00:00:00Z'),
  ('hosting', 'R3', 'Hosting datacentre', 'Runs the platform''s servers', 'All data the platform holds', ARRAY['PT', 'DE', 'CH'], 'Adequacy decision (Switzerland)', '2026-11-25T00:00:00Z'),
  ('backup', 'R4', 'Backup server', 'Keeps restorable backups within their retention', 'All data the platform holds', ARRAY['GB'], 'Adequacy decision (United Kingdom)', '2026-11-25T00:00:00Z'),
  ('email-distribution', 'R5', 'Email distribution service', 'Delivers emails between SellRocket and its customers', 'Email address and the content of the emails', ARRAY['IE'], NULL, '2026-11-25T00:00:00Z'),
  ('cookie-consent', 'R6', 'Cookie consent service', 'Keeps the history of cookie choices', 'Consent history with IP address, country and browser', ARRAY['IE', 'NL'], NULL, '2026-11-25T00:00:00Z'),
  ('certificate-issuer', 'R7', 'Certificate issuer', 'Issues SSL certificates for shops', 'The shop''s domain', ARRAY['US'], 'Standard contractual clauses', '2026-11-25T00:00:00Z'),
  ('call-centre', 'R8', 'Call centre', 'Answers and routes phone calls', 'The caller''s telephone number', ARRAY['GB'], 'Adequacy decision (United Kingdom)', '2026-11-25T00:00:00Z'),
  ('chat-software', 'R9', 'Chat software', 'Live chat and knowledge base for support', 'Name, phone, address, email and conversations', ARRAY['US'], 'Standard contractual clauses and EU-US Data Privacy Framework certification', '2026-11-25T00:00:00Z');
