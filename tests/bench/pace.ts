import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from '../../protocol/sm2';
import { sm2Key, sm2VerifyDigest } from '../../protocol/sm2-verify';

/**
 * How fast the machine is running just now, in the bench process: the mean of 1,000 SM2 curve
 * checks (one of the costliest steps of a batch line), after a warm-up. On the 2-core CI machine
 * this has read 0.06–0.12 ms from hour to hour, and the batch figures move with it, so a figure's
 * note carries the pace it was measured at.
 */
export function machinePaceMs(): number {
  const signer = createSm2Signer(sm2PrivateKeyFromSeed('pace'));
  const verifier = createSm2Verifier(signer.publicKey);
  const key = sm2Key(signer.publicKey);
  const cases = Array.from({ length: 100 }, (_, i) => {
    const text = `{"pace":${i}}`;
    return { e: verifier.digest(text), sig: signer.sign(text) };
  });
  for (let i = 0; i < 3; i++) for (const c of cases) sm2VerifyDigest(key, c.e, c.sig);
  const t0 = performance.now();
  for (let i = 0; i < 10; i++)
    for (const c of cases) if (!sm2VerifyDigest(key, c.e, c.sig)) throw new Error('pace: a valid signature failed');
  return (performance.now() - t0) / 1000;
}
