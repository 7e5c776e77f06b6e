/**
 * What a firmware status says about the update (the status names are the same words in
 * 1.6, its security whitepaper, 2.0.1 and 2.1). Installed ends it well; these failures end
 * it badly; every other status is progress.
 */
export type FirmwareOutcome = 'installed' | 'failed' | null;

const failures = new Set(['DownloadFailed', 'InstallationFailed', 'InstallVerificationFailed', 'InvalidSignature', 'InvalidCertificate', 'RevokedCertificate']);

export function outcomeOf(status: string): FirmwareOutcome {
  if (status === 'Installed') return 'installed';
  return failures.has(status) ? 'failed' : null;
}
