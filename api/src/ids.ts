// Relay global ids ("Type:id" in base64) come from clients: their shape is checked before any
// part of them reaches a query, so a crafted id is bad input, never a database error.
import { isObjectType, type GraphQLSchema } from 'graphql';
import { AppError } from './errors.js';

/** Row ids are cuids, or readable keys in demo and test data ("demo-CT-lights", "t-<uuid>"). */
export const ROW_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const GLOBAL_ID = /^([A-Z][A-Za-z0-9]{0,63}):([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;
const BASE64 = /^[A-Za-z0-9+/]{1,400}={0,2}$/;

const malformed = () => new AppError('BAD_USER_INPUT', 'MALFORMED_ID');

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  if (!BASE64.test(globalId)) throw malformed();
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const match = GLOBAL_ID.exec(decoded);
  if (!match) throw malformed();
  return { typename: match[1]!, id: match[2]! };
}

/** Whether `typename` is an object type that implements Node (so `node(id)` can load it). */
export function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node');
}
