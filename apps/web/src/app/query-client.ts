import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../shared/api-client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a refusal will not change by asking again; only network trouble and 5xx are worth a retry
      retry: (count, err) => count < 2 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
    },
  },
});
