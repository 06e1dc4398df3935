// The read-only objects of a sandbox cluster: namespaces, services (from cluster.namespaces) and an
// empty pod list, each as kube-apiserver serializes it and as a Table row.
import { createHash } from 'node:crypto';
import type { ClusterState } from '../world/types.js';
import { AGE_COLUMN, NAME_COLUMN, column, humanDuration, type Column, type ObjectMeta } from './table.js';

function uidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function objectMeta(cluster: ClusterState, kind: string, name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  const seed = `${cluster.arn}#${kind}/${namespace ?? ''}/${name}`;
  // The built-in objects appear with the cluster (an offset could put them in the future of a new cluster).
  const created = cluster.createdAt;
  const h = createHash('sha256').update(seed).digest();
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: uidOf(seed),
    resourceVersion: String(200 + (h.readUInt16BE(0) % 800)),
    creationTimestamp: rfc3339(created),
    ...extra,
  };
}

interface ServicePort {
  name: string;
  protocol: 'TCP' | 'UDP';
  port: number;
  targetPort: number | string;
}

interface ServiceSpec {
  clusterIP: string;
  ports: ServicePort[];
  labels: Record<string, string>;
  selector?: Record<string, string>;
}

function serviceSpec(cluster: ClusterState, ns: string, name: string): ServiceSpec {
  if (ns === 'default' && name === 'kubernetes') {
    return { clusterIP: '10.100.0.1', ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443 }], labels: { component: 'apiserver', provider: 'kubernetes' } };
  }
  if (ns === 'kube-system' && name === 'kube-dns') {
    return {
      clusterIP: '10.100.0.10',
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
        { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
        { name: 'metrics', protocol: 'TCP', port: 9153, targetPort: 9153 },
      ],
      labels: { 'eks.amazonaws.com/component': 'kube-dns', 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      selector: { 'k8s-app': 'kube-dns' },
    };
  }
  const h = createHash('sha256').update(`${cluster.arn}#svc/${ns}/${name}`).digest();
  return {
    clusterIP: `10.100.${h[0] % 250 + 2}.${h[1] % 250 + 2}`,
    ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
    labels: { app: name },
    selector: { app: name },
  };
}

export function serviceObject(cluster: ClusterState, ns: string, name: string): Record<string, unknown> {
  const s = serviceSpec(cluster, ns, name);
  return {
    metadata: objectMeta(cluster, 'Service', name, ns, { labels: s.labels }),
    spec: {
      ports: s.ports,
      ...(s.selector ? { selector: s.selector } : {}),
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

export const SERVICE_COLUMNS: Column[] = [
  NAME_COLUMN,
  column('Type', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
  column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
  column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
  column('Port(s)', 'The list of ports that are exposed by this service.'),
  AGE_COLUMN,
  column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', 1),
];

export function serviceRow(svc: Record<string, unknown>, now: number): unknown[] {
  const meta = svc.metadata as ObjectMeta;
  const spec = svc.spec as { ports: ServicePort[]; clusterIP: string; selector?: Record<string, string> };
  const ports = spec.ports.map((p) => `${p.port}/${p.protocol}`).join(',');
  const selector = spec.selector ? Object.entries(spec.selector).map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
  return [meta.name, 'ClusterIP', spec.clusterIP, '<none>', ports, humanDuration(now - Date.parse(meta.creationTimestamp)), selector];
}

export function namespaceObject(cluster: ClusterState, name: string): Record<string, unknown> {
  return {
    metadata: objectMeta(cluster, 'Namespace', name, undefined, { labels: { 'kubernetes.io/metadata.name': name } }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export const NAMESPACE_COLUMNS: Column[] = [NAME_COLUMN, column('Status', 'The status of the namespace'), AGE_COLUMN];

export function namespaceRow(ns: Record<string, unknown>, now: number): unknown[] {
  const meta = ns.metadata as ObjectMeta;
  return [meta.name, 'Active', humanDuration(now - Date.parse(meta.creationTimestamp))];
}

export const POD_COLUMNS: Column[] = [
  NAME_COLUMN,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  AGE_COLUMN,
];
