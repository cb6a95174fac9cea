{{/* Names and labels shared by every template (Helm's standard label set). */}}

{{- define "dcc-converter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, unless the release name already contains the chart name. */}}
{{- define "dcc-converter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dcc-converter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dcc-converter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "dcc-converter.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "dcc-converter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "dcc-converter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dcc-converter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "dcc-converter.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Pods of the batch Job carry their own name label: a Service, the PodDisruptionBudget or the Deployment's
ReplicaSet selecting name + instance must never pick up a batch pod (it has no listener and no probes).
*/}}
{{- define "dcc-converter.batchSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-batch" (include "dcc-converter.name" .) | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: batch
{{- end }}

{{/* The verifier's pods (templates/verifier.yaml): a name of their own, so the converter's Services never select them. */}}
{{- define "dcc-converter.verifierSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-verifier" (include "dcc-converter.name" .) | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: verifier
{{- end }}

{{/* The operations Service's labels: the ServiceMonitor selects this Service, and only it, by component. */}}
{{- define "dcc-converter.operationsLabels" -}}
{{ include "dcc-converter.selectorLabels" . }}
app.kubernetes.io/component: operations
{{- end }}

{{/*
TRUST_PROXY (docs/operations.md "Ingress"): the configured value, else one hop when the chart's Ingress is on
(the ingress controller is the only proxy in front of the pods), else none (the socket peer).
*/}}
{{- define "dcc-converter.trustProxy" -}}
{{- if .Values.config.trustProxy }}
{{- .Values.config.trustProxy }}
{{- else if .Values.ingress.enabled }}
{{- "1" }}
{{- end }}
{{- end }}

{{/*
The hardening of every pod the chart runs (the service and the batch Job), without options to turn it off:
numeric non-root user 10001 (the image's USER), seccomp RuntimeDefault.
*/}}
{{- define "dcc-converter.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Every container: read-only root file system (/tmp is the only writable path), no capabilities. */}}
{{- define "dcc-converter.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
{{- end }}

{{- define "dcc-converter.pinFileDir" -}}
/etc/dcc/hsm-pin
{{- end }}

{{/* The HSM PIN, by Secret reference only: a mounted file (the default) or an environment variable. */}}
{{- define "dcc-converter.pinEnv" -}}
{{- $secret := required "hsm.pinSecret.name: name the Secret holding the HSM user PIN" .Values.hsm.pinSecret.name }}
{{- if eq .Values.hsm.pinSecret.mode "file" }}
- name: PKCS11_PIN_FILE
  value: {{ printf "%s/%s" (include "dcc-converter.pinFileDir" .) .Values.hsm.pinSecret.key | quote }}
{{- else }}
- name: PKCS11_PIN
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ .Values.hsm.pinSecret.key | quote }}
{{- end }}
{{- end }}

{{/* Mounts shared by the service and the batch Job: /tmp, the HSM module, keys, API keys, PIN, trust bundle, revocation. */}}
{{- define "dcc-converter.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: hsm-module
  mountPath: {{ .Values.hsm.module.mountPath | quote }}
  readOnly: true
- name: keys
  mountPath: {{ .Values.keys.mountPath | quote }}
  readOnly: true
- name: api-keys
  mountPath: {{ .Values.apiKeys.mountPath | quote }}
  readOnly: true
{{- if eq .Values.hsm.pinSecret.mode "file" }}
- name: hsm-pin
  mountPath: {{ include "dcc-converter.pinFileDir" . }}
  readOnly: true
{{- end }}
{{- if .Values.trustBundle.configMapName }}
- name: trust-bundle
  mountPath: {{ .Values.trustBundle.mountPath | quote }}
  readOnly: true
{{- end }}
{{- if .Values.revocation.listConfigMap }}
- name: revocation-list
  mountPath: {{ .Values.revocation.listMountPath | quote }}
  readOnly: true
{{- end }}
{{- if .Values.revocation.uploadSignerConfigMap }}
- name: upload-signer
  mountPath: {{ .Values.revocation.uploadSignerMountPath | quote }}
  readOnly: true
{{- end }}
{{- with .Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "dcc-converter.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
- name: hsm-module
  {{- toYaml .Values.hsm.module.volume | nindent 2 }}
- name: keys
  configMap:
    name: {{ .Values.keys.configMapName | quote }}
- name: api-keys
  secret:
    secretName: {{ required "apiKeys.secretName: name the Secret holding the API clients file" .Values.apiKeys.secretName | quote }}
    defaultMode: 0440  # group-readable: fsGroup 10001 is the pod user's group
    items:
      - key: {{ .Values.apiKeys.key | quote }}
        path: {{ .Values.apiKeys.key | quote }}
{{- if eq .Values.hsm.pinSecret.mode "file" }}
- name: hsm-pin
  secret:
    secretName: {{ .Values.hsm.pinSecret.name | quote }}
    defaultMode: 0440  # group-readable: fsGroup 10001 is the pod user's group
    items:
      - key: {{ .Values.hsm.pinSecret.key | quote }}
        path: {{ .Values.hsm.pinSecret.key | quote }}
{{- end }}
{{- if .Values.trustBundle.configMapName }}
- name: trust-bundle
  configMap:
    name: {{ .Values.trustBundle.configMapName | quote }}
{{- end }}
{{- with .Values.revocation }}
{{- if .listConfigMap }}
{{- /* A directory mount (never subPath): the kubelet's swap of the ..data symlink reaches the running pods. */}}
- name: revocation-list
  {{- if .listSecret }}
  secret:
    secretName: {{ .listConfigMap | quote }}
    defaultMode: 0440  # group-readable: fsGroup 10001 is the pod user's group
  {{- else }}
  configMap:
    name: {{ .listConfigMap | quote }}
  {{- end }}
{{- end }}
{{- if .uploadSignerConfigMap }}
- name: upload-signer
  configMap:
    name: {{ .uploadSignerConfigMap | quote }}
{{- end }}
{{- end }}
{{- with .Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Node placement shared by the service and the batch Job (nodes that have the HSM client library). */}}
{{- define "dcc-converter.placement" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* DNS egress (when allowed), to the cluster DNS only: every pod the chart runs, the verifier's included. */}}
{{- define "dcc-converter.dnsEgress" -}}
{{- if .Values.networkPolicy.allowDns }}
{{- $dns := .Values.networkPolicy.dns }}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ required "networkPolicy.dns.namespace: name the cluster DNS namespace" $dns.namespace | quote }}
      {{- with $dns.podLabels }}
      podSelector:
        matchLabels:
          {{- toYaml . | nindent 10 }}
      {{- end }}
    {{- range $dns.cidrs }}
    - ipBlock:
        cidr: {{ . | quote }}
    {{- end }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}
{{- end }}

{{/* Egress of the converter's pods (the service and the batch Job): DNS and the network HSM. */}}
{{- define "dcc-converter.egress" -}}
{{- include "dcc-converter.dnsEgress" . }}
{{- with .Values.networkPolicy.hsmEgress }}
{{ toYaml . }}
{{- end }}
{{- end }}
