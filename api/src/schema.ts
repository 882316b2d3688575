import { AppError } from './errors.js';
import { builder } from './builder.js';
import { formatDate, parseDate } from './calendar.js';
import './modules/geo/types.js';
import './modules/geo/queries.js';
import './modules/programme/types.js';
import './modules/programme/queries.js';
import './modules/accounts/types.js';
import './modules/accounts/queries.js';
import './modules/accounts/mutations.js';
import './modules/audit/types.js';
import './modules/audit/queries.js';
import './modules/council/types.js';
import './modules/council/queries.js';
import './modules/council/mutations.js';
import './modules/proposals/types.js';
import './modules/proposals/queries.js';
import './modules/proposals/mutations.js';
import './modules/children/types.js';
import './modules/children/queries.js';
import './modules/children/mutations.js';
import './modules/indicators/types.js';
import './modules/indicators/queries.js';
import './modules/indicators/mutations.js';

builder.queryType({});
builder.mutationType({});

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date and time.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new AppError('BAD_USER_INPUT', undefined, { detail: 'DateTime' });
    return date;
  },
});

builder.scalarType('Date', {
  description: 'A calendar date in Vietnam, `YYYY-MM-DD`.',
  serialize: (value) => formatDate(value),
  parseValue: (value) => {
    const date = typeof value === 'string' ? parseDate(value) : null;
    if (!date) throw new AppError('BAD_USER_INPUT', 'DATE', { value: String(value).slice(0, 20) });
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'A JSON value, as recorded (output only).',
  serialize: (value) => value,
  parseValue: () => {
    throw new AppError('BAD_USER_INPUT', undefined, { detail: 'JSON' });
  },
});

export const schema = builder.toSchema({ sortSchema: true });
