import { ApolloClient, HttpLink, InMemoryCache, ApolloLink } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { redirectToLogin } from './session';

// Every request carries the CSRF header (the server refuses cookie-
// authenticated POSTs without it) and the session cookie; a 401 means the
// session ended, so the person signs in again and comes back here.
const http = new HttpLink({
  uri: '/graphql',
  credentials: 'same-origin',
  headers: { 'X-Summit-CSRF': '1' },
});

const signedOut = new ErrorLink(({ error }) => {
  const unauthenticated =
    (ServerError.is(error) && error.statusCode === 401) ||
    (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
  if (unauthenticated) redirectToLogin();
});

export function makeClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([signedOut, http]),
    cache: new InMemoryCache({
      typePolicies: {
        // Lists are paged by cursor in the URL, one page per query: no merging.
        Query: { fields: { accounts: { keyArgs: false, merge: false } } },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
