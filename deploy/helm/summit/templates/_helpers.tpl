{{- define "summit.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "summit.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "summit.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "summit.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "summit.databaseSecret" -}}
{{ .Values.database.existingSecret | default (printf "%s-database" (include "summit.fullname" .)) }}
{{- end -}}

{{- define "summit.oidcSecret" -}}
{{ .Values.oidc.existingSecret | default (printf "%s-oidc" (include "summit.fullname" .)) }}
{{- end -}}

{{/* Environment shared by every Summit container. */}}
{{- define "summit.env" -}}
- name: DATABASE_URL
  valueFrom: { secretKeyRef: { name: {{ include "summit.databaseSecret" . }}, key: DATABASE_URL } }
- name: SUMMIT_DATABASE_REPLICA_URL
  valueFrom: { secretKeyRef: { name: {{ include "summit.databaseSecret" . }}, key: SUMMIT_DATABASE_REPLICA_URL, optional: true } }
- name: SUMMIT_ENV
  value: {{ .Values.env | quote }}
- name: SUMMIT_LOG_FORMAT
  value: {{ .Values.logFormat | quote }}
- name: SUMMIT_PUBLIC_URL
  value: {{ .Values.publicURL | quote }}
{{- range $k, $v := .Values.extraEnv }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
{{- end -}}
