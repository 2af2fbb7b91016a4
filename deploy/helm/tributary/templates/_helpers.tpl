{{- define "tributary.env" -}}
- name: TRIBUTARY_ENVIRONMENT
  value: {{ .Values.environment | quote }}
- name: TRIBUTARY__Database__ConnectionString
  valueFrom: { secretKeyRef: { name: {{ .Values.secretName }}, key: database } }
- name: TRIBUTARY__Database__MigrationConnectionString
  valueFrom: { secretKeyRef: { name: {{ .Values.secretName }}, key: migrationDatabase, optional: true } }
- name: TRIBUTARY__Database__MigrateOnStart
  value: "false"
- name: TRIBUTARY__Auth__SigningKey
  valueFrom: { secretKeyRef: { name: {{ .Values.secretName }}, key: signingKey } }
- name: TRIBUTARY__Cluster__Provider
  value: redis
- name: TRIBUTARY__Cluster__RedisConnectionString
  valueFrom: { secretKeyRef: { name: {{ .Values.secretName }}, key: redis } }
- name: TRIBUTARY__Cluster__AdvertisedAddress
  valueFrom: { fieldRef: { fieldPath: status.podIP } }
{{- end -}}
