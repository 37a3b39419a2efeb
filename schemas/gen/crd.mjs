// apiextensions.k8s.io/v1 CustomResourceDefinition. The data set holds no OpenAPI document for the
// apiextensions group, so this is written by hand from the Kubernetes API reference (v1.35): the fields and
// required lists of CustomResourceDefinitionSpec/Names/Version. The embedded openAPIV3Schema is recursive
// and left open here.
const str = { type: 'string' };
const strList = { type: 'array', items: str };
const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

export const CRD = {
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
    spec: {
      type: 'object',
      required: ['group', 'names', 'scope', 'versions'],
      properties: {
        group: str,
        names: {
          type: 'object',
          required: ['kind', 'plural'],
          properties: { categories: strList, kind: str, listKind: str, plural: str, shortNames: strList, singular: str },
        },
        scope: { type: 'string', enum: ['Cluster', 'Namespaced'] },
        preserveUnknownFields: { type: 'boolean' },
        conversion: {
          type: 'object',
          required: ['strategy'],
          properties: { strategy: { type: 'string', enum: ['None', 'Webhook'] }, webhook: open },
        },
        versions: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name', 'served', 'storage'],
            properties: {
              name: str,
              served: { type: 'boolean' },
              storage: { type: 'boolean' },
              deprecated: { type: 'boolean' },
              deprecationWarning: str,
              schema: { type: 'object', properties: { openAPIV3Schema: open } },
              subresources: open,
              additionalPrinterColumns: { type: 'array', items: open },
              selectableFields: { type: 'array', items: open },
            },
          },
        },
      },
    },
    status: open,
  },
};
