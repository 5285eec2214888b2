-- Billing documents (issue #11 §4): proforma invoices, invoices and credit notes, each kind in its own
-- numbered series per year. A number is taken by moving the series' counter in the issuing
-- transaction: the row lock puts concurrent issuers of one series in a line (on any number of app
-- servers), a rollback gives the number back, so numbers have no gaps and no reuse, and the issue
-- time is never earlier than the series' last one, so numbers follow dates.
CREATE TABLE billing_series (
  id              text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('proforma', 'invoice', 'credit_note')),
  year            integer NOT NULL,
  -- Shown before the number: 'PF 2026/17', 'FT 2026/3', 'NC 2026/1'.
  code            text NOT NULL,
  -- The series' validation code from the tax authority (AT): an invoice's ATCUD is code-number.
  validation_code text NOT NULL,
  last_number     integer NOT NULL DEFAULT 0,
  last_issued_at  timestamptz,
  UNIQUE (kind, year)
);

CREATE TABLE billing_document (
  id                   text PRIMARY KEY,
  kind                 text NOT NULL CHECK (kind IN ('proforma', 'invoice', 'credit_note')),
  series_id            text NOT NULL REFERENCES billing_series (id),
  number               integer NOT NULL,
  atcud                text NOT NULL,
  status               text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled', 'issued')),
  account_id           text,
  issued_at            timestamptz NOT NULL,
  due_at               timestamptz,
  proforma_id          text REFERENCES billing_document (id),
  credited_id          text REFERENCES billing_document (id),
  currency             text NOT NULL,
  customer_name        text,
  customer_nif         text,
  customer_address     text,
  customer_postal_code text,
  customer_city        text,
  customer_country     text NOT NULL,
  vat_regime           text NOT NULL CHECK (vat_regime IN ('domestic', 'eu-consumer', 'reverse-charge', 'outside-scope')),
  vat_rate             numeric(5, 2) NOT NULL,
  -- The tax space whose rate applied to a domestic document: PT (mainland), PT-AC, PT-MA.
  vat_space            text CHECK (vat_space IN ('PT', 'PT-AC', 'PT-MA')),
  vat_note             text,
  vies_check           text CHECK (vies_check IN ('valid', 'invalid', 'unavailable')),
  net_cents            integer NOT NULL,
  vat_cents            integer NOT NULL,
  total_cents          integer NOT NULL,
  paid_at              timestamptz,
  payment_method       text CHECK (payment_method IN ('card', 'transfer', 'multibanco', 'direct-debit')),
  payment_reference    text,
  UNIQUE (series_id, number),
  CHECK (total_cents = net_cents + vat_cents)
);
CREATE INDEX billing_document_account ON billing_document (account_id, issued_at DESC) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX billing_document_one_invoice ON billing_document (proforma_id) WHERE kind = 'invoice';

CREATE TABLE billing_document_line (
  document_id text NOT NULL REFERENCES billing_document (id),
  position    integer NOT NULL,
  description text NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  unit_cents  integer NOT NULL,
  net_cents   integer NOT NULL,
  PRIMARY KEY (document_id, position)
);

-- An issued document does not change. A proforma may only be paid or cancelled (once), and any
-- document may be detached from an erased account (account_id set to null); nothing else moves,
-- and nothing is ever deleted.
CREATE FUNCTION billing_document_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'billing documents are never deleted';
  END IF;
  IF NEW.account_id IS NOT NULL AND NEW.account_id IS DISTINCT FROM OLD.account_id THEN
    RAISE EXCEPTION 'an issued billing document cannot change';
  END IF;
  IF (NEW.id, NEW.kind, NEW.series_id, NEW.number, NEW.atcud, NEW.issued_at, NEW.due_at, NEW.proforma_id,
      NEW.credited_id, NEW.currency, NEW.customer_name, NEW.customer_nif, NEW.customer_address,
      NEW.customer_postal_code, NEW.customer_city, NEW.customer_country, NEW.vat_regime, NEW.vat_rate, NEW.vat_space,
      NEW.vat_note, NEW.vies_check, NEW.net_cents, NEW.vat_cents, NEW.total_cents)
     IS DISTINCT FROM
     (OLD.id, OLD.kind, OLD.series_id, OLD.number, OLD.atcud, OLD.issued_at, OLD.due_at, OLD.proforma_id,
      OLD.credited_id, OLD.currency, OLD.customer_name, OLD.customer_nif, OLD.customer_address,
      OLD.customer_postal_code, OLD.customer_city, OLD.customer_country, OLD.vat_regime, OLD.vat_rate, OLD.vat_space,
      OLD.vat_note, OLD.vies_check, OLD.net_cents, OLD.vat_cents, OLD.total_cents) THEN
    RAISE EXCEPTION 'an issued billing document cannot change';
  END IF;
  IF (NEW.status, NEW.paid_at, NEW.payment_method, NEW.payment_reference)
     IS DISTINCT FROM (OLD.status, OLD.paid_at, OLD.payment_method, OLD.payment_reference)
     AND NOT (OLD.kind = 'proforma' AND OLD.status = 'open' AND NEW.status IN ('paid', 'cancelled')) THEN
    RAISE EXCEPTION 'an issued billing document cannot change';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER billing_document_immutable BEFORE UPDATE OR DELETE ON billing_document
  FOR EACH ROW EXECUTE FUNCTION billing_document_guard();

CREATE FUNCTION billing_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the lines of an issued billing document cannot change';
END;
$$;
CREATE TRIGGER billing_document_line_immutable BEFORE UPDATE OR DELETE ON billing_document_line
  FOR EACH ROW EXECUTE FUNCTION billing_line_guard();
