import type { FastifyInstance } from 'fastify';

/** A submitted HTML form: each field's last value, names as the browser sent them (`shipping_address[zip]`). */
export type FormFields = Record<string, string>;

/**
 * Reads application/x-www-form-urlencoded bodies, for the storefront's forms only (the plugin scope
 * this is installed in): the platform's API takes JSON. Names and values are kept as strings; a
 * field given twice keeps its last value, as a form's hidden default before a checkbox expects.
 */
export function acceptForms(app: FastifyInstance) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const fields: FormFields = Object.create(null) as FormFields;
    for (const [name, value] of new URLSearchParams(body as string)) {
      if (name.length <= 100) fields[name] = value;
    }
    done(null, fields);
  });
}
