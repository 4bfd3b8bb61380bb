import type { ObjectRef } from '@pothos/core';
import type { Counted } from '../resolvers/pagination.js';
import { builder } from './builder.js';

type Types = typeof builder.$inferSchemaTypes;

/** A named connection type with `totalCount`, shared by every field that lists `node`. */
export function connectionOf<T extends object>(nodeRef: ObjectRef<Types, T>, name: string, what: string) {
  return builder.connectionObject(
    {
      type: nodeRef,
      name: `${name}Connection`,
      description: `A page of ${what}.`,
      fields: (t) => ({
        totalCount: t.int({
          description: `How many ${what} match, across all pages.`,
          resolve: (connection) => {
            const total = (connection as unknown as { totalCount: Counted['totalCount'] | number }).totalCount;
            return typeof total === 'function' ? total() : total;
          },
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of ${what}, with its cursor.` },
  );
}
