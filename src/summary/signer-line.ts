import { formatPublicKey } from "./openssh-key.js";
import { NAMESPACE } from "./summary.js";

/** The allowed_signers line that trusts `publicKey` for `principal`, for signed summaries only. */
export function signerLine(principal: string, publicKey: Uint8Array): string {
  return `${principal} namespaces="${NAMESPACE}" ${formatPublicKey(publicKey)}`;
}
