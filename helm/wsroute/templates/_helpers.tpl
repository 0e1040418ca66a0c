{{/* Name of the chart, overridable. */}}
{{- define "wsroute.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Base name of every object: the release name, or release-chart when the release name lacks the chart's. */}}
{{- define "wsroute.fullname" -}}
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

{{- define "wsroute.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: stable across upgrades (a Deployment's selector cannot change). */}}
{{- define "wsroute.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wsroute.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "wsroute.labels" -}}
helm.sh/chart: {{ include "wsroute.chart" . }}
{{ include "wsroute.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: webhook-operator
app.kubernetes.io/part-of: wsroute
{{- end }}

{{- define "wsroute.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wsroute.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret that holds the webhook's serving certificate (tls.crt, tls.key, ca.crt). */}}
{{- define "wsroute.tlsSecretName" -}}
{{- if eq .Values.tls.mode "secret" }}
{{- required "tls.secret.name is required when tls.mode is secret" .Values.tls.secret.name }}
{{- else }}
{{- printf "%s-webhook-tls" (include "wsroute.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* One name for both webhook configurations (they are different kinds): wsroute patches their caBundle by it. */}}
{{- define "wsroute.webhookConfigurationName" -}}
{{- include "wsroute.fullname" . }}
{{- end }}

{{- define "wsroute.leaseName" -}}
{{- default (printf "%s-leader" (include "wsroute.fullname" .)) .Values.leaderElection.leaseName | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "wsroute.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The namespace part of a controller ConfigMap location "namespace/name". */}}
{{- define "wsroute.configMapNamespace" -}}
{{- $parts := splitList "/" . }}
{{- if ne (len $parts) 2 }}
{{- fail (printf "controller ConfigMap %q must be namespace/name" .) }}
{{- end }}
{{- first $parts }}
{{- end }}

{{- define "wsroute.configMapName" -}}
{{- last (splitList "/" .) }}
{{- end }}

{{/*
Namespaces no webhook ever covers: kube-system (the cluster must stay repairable when wsroute is down), wsroute's
own namespace (wsroute must be able to start even though its webhooks cannot answer yet), and any the user adds.
*/}}
{{- define "wsroute.excludedNamespaces" -}}
{{- $excluded := list "kube-system" .Release.Namespace }}
{{- range .Values.webhooks.excludeNamespaces }}
{{- $excluded = append $excluded . }}
{{- end }}
{{- toJson ($excluded | uniq) }}
{{- end }}

{{/*
The namespaceSelector of the Ingress webhooks. kubernetes.io/metadata.name is set by the API server on 1.21+; on 1.20
it is missing, so the label wsroute.io/admission=off (which wsroute honours anyway) is the way to exclude a namespace
there, and it also spares the API server the call for namespaces that opted out.
*/}}
{{- define "wsroute.namespaceSelector" -}}
matchExpressions:
  - key: kubernetes.io/metadata.name
    operator: NotIn
    values: {{ include "wsroute.excludedNamespaces" . }}
  - key: wsroute.io/admission
    operator: NotIn
    values: ["off"]
{{- with .Values.webhooks.namespaceSelector.matchExpressions }}
{{ toYaml . }}
{{- end }}
{{- with .Values.webhooks.namespaceSelector.matchLabels }}
matchLabels:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* clientConfig of a webhook: (list $ path). */}}
{{- define "wsroute.webhookClient" -}}
{{- $root := index . 0 -}}
clientConfig:
  service:
    name: {{ include "wsroute.fullname" $root }}
    namespace: {{ $root.Release.Namespace }}
    path: {{ index . 1 }}
    port: {{ $root.Values.service.port }}
  {{- if eq $root.Values.tls.mode "secret" }}
  caBundle: {{ required "tls.secret.caBundle is required when tls.mode is secret" $root.Values.tls.secret.caBundle }}
  {{- end }}
{{- end }}

{{/* Who fills the caBundle, said on the webhook configurations. */}}
{{- define "wsroute.webhookAnnotations" -}}
{{- if eq .Values.tls.mode "cert-manager" -}}
annotations:
  # cert-manager's CA injector writes the CA of this Certificate into every caBundle below.
  cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/{{ include "wsroute.fullname" . }}-webhook
{{- else if eq .Values.tls.mode "self-managed" -}}
annotations:
  # wsroute writes its own CA into every caBundle below at start-up and after each renewal.
  wsroute.io/ca-bundle: self-managed
{{- end }}
{{- end }}

{{/* Where the serving certificate is, and (self-managed) how wsroute keeps it: for wsroute and its init container. */}}
{{- define "wsroute.tlsEnv" -}}
# The serving certificate the HTTPS listener reads (and re-reads every 5 minutes).
- name: WSROUTE_TLS_CERT
  value: /etc/wsroute/tls/tls.crt
- name: WSROUTE_TLS_KEY
  value: /etc/wsroute/tls/tls.key
{{- if eq .Values.tls.mode "self-managed" }}
- name: WSROUTE_TLS_SELF_MANAGED_ENABLED
  value: "true"
- name: WSROUTE_TLS_SELF_MANAGED_SECRET
  value: {{ include "wsroute.tlsSecretName" . | quote }}
- name: WSROUTE_TLS_SELF_MANAGED_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: WSROUTE_TLS_SELF_MANAGED_SERVICE
  value: {{ include "wsroute.fullname" . | quote }}
- name: WSROUTE_TLS_SELF_MANAGED_WEBHOOK_CONFIGURATION
  value: {{ include "wsroute.webhookConfigurationName" . | quote }}
- name: WSROUTE_TLS_SELF_MANAGED_CERTIFICATE_VALIDITY
  value: {{ .Values.tls.selfManaged.certificateValidity | quote }}
- name: WSROUTE_TLS_SELF_MANAGED_CA_VALIDITY
  value: {{ .Values.tls.selfManaged.caValidity | quote }}
- name: WSROUTE_TLS_SELF_MANAGED_RENEW_BEFORE
  value: {{ .Values.tls.selfManaged.renewBefore | quote }}
- name: WSROUTE_TLS_SELF_MANAGED_CHECK_INTERVAL
  value: {{ .Values.tls.selfManaged.checkInterval | quote }}
{{- end }}
{{- end }}
