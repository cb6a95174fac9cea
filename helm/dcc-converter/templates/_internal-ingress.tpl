{{/*
An Ingress reachable from listed networks only (docs/operations.md "Ingress"): an internal IngressClass, its own host
and TLS, and a source allow-list at the controller. The back-office routes (ingress-internal.yaml) and the border
portal (verifier-portal.yaml) use it. Arguments (a dict):
  root            the chart's context
  name            the Ingress's name
  values          where the settings live in values.yaml (named in refusals): className, host, tlsSecretName, annotations
  settings        those settings
  sourceRanges    the CIDRs admitted; sourceRangesValue names them in the refusal
  service, paths  the backend Service (port `http`) and its routes, each a list (path, pathType)
  annotations     annotations the template itself adds (optional)
*/}}
{{- define "dcc-converter.internalIngress" -}}
{{- $s := .settings }}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ .name | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "dcc-converter.labels" .root | nindent 4 }}
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: {{ join "," (required (printf "%s: list the source CIDRs" .sourceRangesValue) .sourceRanges) | quote }}
    {{- with .annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with $s.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  ingressClassName: {{ required (printf "%s.className: name the internal IngressClass" .values) $s.className | quote }}
  tls:
    - hosts:
        - {{ $s.host | quote }}
      secretName: {{ required (printf "%s.tlsSecretName: name the TLS Secret for %s.host" .values .values) $s.tlsSecretName | quote }}
  rules:
    - host: {{ $s.host | quote }}
      http:
        paths:
          {{- $service := .service }}
          {{- range .paths }}
          - path: {{ index . 0 }}
            pathType: {{ index . 1 }}
            backend:
              service:
                name: {{ $service }}
                port:
                  name: http
          {{- end }}
{{- end }}
