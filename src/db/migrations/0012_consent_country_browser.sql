-- A marketing consent records, like a cookie decision, the country (from the IP) and the browser.
ALTER TABLE consent_record ADD COLUMN country text;
ALTER TABLE consent_record ADD COLUMN browser text;
