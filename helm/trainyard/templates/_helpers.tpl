{{/*
Chart name, truncated to the 63 characters Kubernetes allows in names/labels.
*/}}
{{- define "trainyard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name. If the release name already contains the chart name
it is used as is, to avoid "trainyard-trainyard".
*/}}
{{- define "trainyard.fullname" -}}
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

{{- define "trainyard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "trainyard.labels" -}}
helm.sh/chart: {{ include "trainyard.chart" . }}
{{ include "trainyard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels: must stay stable across upgrades (Deployment selectors are immutable).
*/}}
{{- define "trainyard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trainyard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{- define "trainyard.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
Secret holding the database and admin passwords: the user's existingSecret, or the chart's own.
*/}}
{{- define "trainyard.secretName" -}}
{{- .Values.postgresql.existingSecret | default (include "trainyard.fullname" .) }}
{{- end }}

{{- define "trainyard.claimName" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-data" (include "trainyard.fullname" .)) }}
{{- end }}

{{/*
Guards, included at the top of every template so that `helm template/install`
stops early with a readable message (the first check always wins, whichever
template Helm renders first) instead of producing a pod that crash-loops.
- The server on Kubernetes must use an external PostgreSQL.
- The admin password must be given, either as a value or in existingSecret. It
  is not generated: a random value would change on every upgrade, and `lookup`
  (to keep the old one) needs a live cluster, which offline rendering lacks.
*/}}
{{- define "trainyard.validate" -}}
{{- if not .Values.postgresql.url }}
{{- fail "postgresql.url is required: Trainyard on Kubernetes needs an external PostgreSQL. Set it to a JDBC URL, e.g. --set postgresql.url=jdbc:postgresql://my-postgres:5432/trainyard" }}
{{- end }}
{{- if and (eq .Values.storage.type "s3") (not .Values.storage.s3.bucket) }}
{{- fail "storage.s3.bucket is required with storage.type=s3" }}
{{- end }}
{{- if not (has .Values.storage.type (list "filesystem" "s3")) }}
{{- fail "storage.type must be filesystem or s3" }}
{{- end }}
{{- if and .Values.executor.enabled (not .Values.executor.existingSecret) (not .Values.executor.token) }}
{{- fail "executor.token is required with executor.enabled: create a token with the executor scope as admin, or name a Secret in executor.existingSecret" }}
{{- end }}
{{- if and .Values.executor.enabled (ge (int .Values.executor.stopTimeoutSeconds) (int .Values.executor.terminationGracePeriodSeconds)) }}
{{- fail "executor.terminationGracePeriodSeconds must be longer than executor.stopTimeoutSeconds, so running jobs can release their leases" }}
{{- end }}
{{- if and (not .Values.postgresql.existingSecret) (not .Values.adminPassword) }}
{{- fail "adminPassword is required: set --set adminPassword=... or put it in the Secret named by postgresql.existingSecret" }}
{{- end }}
{{- end }}

{{- define "trainyard.executorSelectorLabels" -}}
app.kubernetes.io/name: {{ include "trainyard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: executor
{{- end }}

{{- define "trainyard.executorSecretName" -}}
{{- .Values.executor.existingSecret | default (printf "%s-executor" (include "trainyard.fullname" .)) }}
{{- end }}
