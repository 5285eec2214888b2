import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

/** The score a new password needs (zxcvbn's 0–4 scale); the server asks for the same. */
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn and its dictionaries weigh several hundred kB: fetched when someone starts typing a new password, never up front.
async function loadEstimator() {
  const [{ ZxcvbnFactory }, common] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
  ]);
  return new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
}

/**
 * The strength of `password` (0–4), or null while the estimator loads or nothing is typed. The
 * person's own name and email count as guessable words.
 */
export function usePasswordScore(password: string, userInputs: string[]): number | null {
  const estimator = useQuery({
    queryKey: ['password-estimator'],
    queryFn: loadEstimator,
    staleTime: Infinity,
    gcTime: Infinity,
    enabled: password !== '',
  });
  const inputs = userInputs.flatMap((i) => [i, ...i.split(/[@.\s_-]+/)]).filter((i) => i.length > 1);
  const key = inputs.join('\n');
  return useMemo(
    () => (estimator.data && password ? estimator.data.check(password, inputs).score : null),
    // `inputs` is rebuilt every render; its content is what matters.
    [estimator.data, password, key],
  );
}
