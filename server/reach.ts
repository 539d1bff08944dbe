/**
 * Whether Pipedrive can reach the host's PUBLIC_URL: a loopback, private or link-local address (or a name only a
 * local network resolves) cannot receive its webhooks. Said as a warning where a webhook is registered; the
 * subscription is still made (a tunnel may forward to it later).
 */
import { BlockList, isIP } from 'node:net';

const local = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  local.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  local.addSubnet(net, prefix, 'ipv6');
}

/** Names that only this machine or a local network resolves. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|lan|home\.arpa)$/;

/** The warning for a webhook that calls back `publicUrl`, or undefined when Pipedrive can reach it. */
export function unreachableWarning(publicUrl: string): string | undefined {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  const isLocal =
    family === 4
      ? local.check(host, 'ipv4')
      : family === 6
        ? local.check(host, 'ipv6')
        : LOCAL_NAME.test(host) || !host.includes('.');
  if (!isLocal) return undefined;
  return (
    `PUBLIC_URL (${publicUrl}) is a loopback or private address: Pipedrive cannot reach it, so this webhook ` +
    'will deliver nothing. Set PUBLIC_URL to an address Pipedrive can reach (a public host, or a tunnel to this ' +
    'one) and subscribe again, or make it a polling trigger instead (`"mode": "polling"`), which asks Pipedrive ' +
    'and needs no public URL (docs/triggers.md).'
  );
}
