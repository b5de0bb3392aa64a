/**
 * Carries a root field's `geographyVersion` to the whole request (see GeographyScope): an Apollo
 * plugin, because the version must be known before Pothos plans the nested Prisma selections.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type SelectionSetNode, valueFromASTUntyped } from 'graphql';
import { BadUserInputError } from '../errors.js';
import type { Context } from '../schema/context.js';

const ARGUMENT = 'geographyVersion';

/** The `geographyVersion` values of the operation's root fields (through inline fragments). */
function rootVersions(selectionSet: SelectionSetNode, variables: Record<string, unknown>): unknown[] {
  const found: unknown[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      found.push(...rootVersions(selection.selectionSet, variables));
    } else if (selection.kind === Kind.FIELD) {
      const argument = selection.arguments?.find((arg) => arg.name.value === ARGUMENT);
      if (argument) found.push(valueFromASTUntyped(argument.value, variables));
    }
  }
  return found;
}

export const requestVersionPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request, contextValue }) {
        if (!operation) return;
        const asked = [
          ...new Set(
            rootVersions(operation.selectionSet, request.variables ?? {}).filter(
              (value): value is string => typeof value === 'string',
            ),
          ),
        ];
        if (asked.length > 1) {
          throw new BadUserInputError(
            `One request reads one geography version; its root fields ask for ${asked.join(' and ')}. Send them as separate requests.`,
            // Apollo answers errors thrown before execution with 500 unless told otherwise.
            { argument: ARGUMENT, http: { status: 400 } },
          );
        }
        // An unknown id is left for the root field itself to answer NOT_FOUND, in `errors`.
        const known = asked.length === 1 && contextValue.geography.versions.some((v) => v.id === asked[0]);
        if (known) contextValue.geography.useForRequest(asked[0]!);
      },
    };
  },
};
