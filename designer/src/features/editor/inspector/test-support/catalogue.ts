/**
 * A slice of the API's `connectorCatalogue` for component tests: the real input JSON Schemas of
 * email.send, hubspot.createTask / updateContactProperties, slack.postMessage and webhook.send, as
 * backend/src/connections/connector-catalogue.ts prints them from the connectors' zod schemas.
 */
import type { DesignerCatalogueData } from '../../../../api/types';

export const CONNECTOR_CATALOGUE: DesignerCatalogueData['connectorCatalogue'] = [
  {
    name: "email",
    displayName: "Email (SMTP)",
    version: "0.1.0",
    actions: [
      {
        name: "send",
        displayName: "Send email",
        description: "Sends one email over SMTP. Subject, text and html are Liquid templates (values inserted into html are escaped). Outreach carries List-Unsubscribe (one-click); suppressed recipients are never sent to. Its Message-ID is derived from the step.",
        effect: "write",
        irreversible: true,
        undoable: false,
        outreach: "email",
        inputSchema: {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          properties: {
            to: {
              anyOf: [
                {
                  type: "string",
                  format: "email",
                  pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
                },
                {
                  minItems: 1,
                  type: "array",
                  items: {
                    type: "string",
                    format: "email",
                    pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
                  }
                }
              ]
            },
            subject: {
              type: "string",
              minLength: 1,
              maxLength: 998
            },
            text: {
              type: "string"
            },
            html: {
              type: "string"
            },
            from: {
              type: "string",
              minLength: 1
            },
            replyTo: {
              type: "string",
              format: "email",
              pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
            },
            cc: {
              anyOf: [
                {
                  type: "string",
                  format: "email",
                  pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
                },
                {
                  minItems: 1,
                  type: "array",
                  items: {
                    type: "string",
                    format: "email",
                    pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
                  }
                }
              ]
            },
            bcc: {
              anyOf: [
                {
                  type: "string",
                  format: "email",
                  pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
                },
                {
                  minItems: 1,
                  type: "array",
                  items: {
                    type: "string",
                    format: "email",
                    pattern: "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"
                  }
                }
              ]
            }
          },
          required: [
            "to",
            "subject"
          ]
        }
      }
    ]
  },
  {
    name: "hubspot",
    displayName: "HubSpot",
    version: "0.1.0",
    actions: [
      {
        name: "createTask",
        displayName: "Create task",
        description: "Creates a HubSpot task for an owner, due on a date, on the contact's / company's timeline. Undo deletes it.",
        effect: "write",
        irreversible: false,
        undoable: true,
        outreach: "crm",
        inputSchema: {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          properties: {
            subject: {
              type: "string",
              minLength: 1,
              maxLength: 65536
            },
            body: {
              type: "string",
              maxLength: 65536
            },
            ownerId: {
              type: "string",
              pattern: "^\\d+$"
            },
            dueDate: {
              type: "string"
            },
            dueInDays: {
              default: 1,
              type: "integer",
              minimum: 0,
              maximum: 365
            },
            priority: {
              type: "string",
              enum: [
                "LOW",
                "MEDIUM",
                "HIGH"
              ]
            },
            taskType: {
              default: "TODO",
              type: "string",
              enum: [
                "TODO",
                "CALL",
                "EMAIL"
              ]
            },
            contactId: {
              type: "string",
              pattern: "^\\d+$"
            },
            companyId: {
              type: "string",
              pattern: "^\\d+$"
            },
            dealId: {
              type: "string",
              pattern: "^\\d+$"
            }
          },
          required: [
            "subject"
          ]
        }
      },
      {
        name: "updateContactProperties",
        displayName: "Update contact properties",
        description: "Sets properties of a HubSpot contact (e.g. a product engagement score). Undo restores the previous values unless someone changed them since.",
        effect: "write",
        irreversible: false,
        undoable: true,
        outreach: null,
        inputSchema: {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          properties: {
            contactId: {
              type: "string",
              pattern: "^\\d+$"
            },
            properties: {
              type: "object",
              propertyNames: {
                type: "string"
              },
              additionalProperties: {
                type: [
                  "string",
                  "number",
                  "boolean",
                  "null"
                ]
              }
            }
          },
          required: [
            "contactId",
            "properties"
          ]
        }
      }
    ]
  },
  {
    name: "slack",
    displayName: "Slack",
    version: "0.1.0",
    actions: [
      {
        name: "postMessage",
        displayName: "Post to Slack (bot)",
        description: "Posts a message with chat.postMessage. The step’s idempotency key travels in the message metadata, so a posted step can be found; undo deletes the message.",
        effect: "write",
        irreversible: false,
        undoable: true,
        outreach: "slack",
        inputSchema: {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          properties: {
            channel: {
              type: "string",
              minLength: 1
            },
            text: {
              type: "string",
              minLength: 1,
              maxLength: 40000
            },
            blocks: {
              maxItems: 50,
              type: "array",
              items: {
                type: "object",
                properties: {
                  type: {
                    type: "string",
                    minLength: 1
                  }
                },
                required: [
                  "type"
                ],
                additionalProperties: {}
              }
            },
            threadTs: {
              type: "string",
              pattern: "^\\d+\\.\\d+$"
            }
          },
          required: [
            "channel",
            "text"
          ]
        }
      }
    ]
  },
  {
    name: "webhook",
    displayName: "Webhook (outbound)",
    version: "0.1.0",
    actions: [
      {
        name: "send",
        displayName: "Send webhook",
        description: "Sends a JSON body to the connection’s receiver, signed with HMAC-SHA256 (X-Tripline-Signature) and carrying the step’s Idempotency-Key.",
        effect: "write",
        irreversible: true,
        undoable: false,
        outreach: null,
        inputSchema: {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          properties: {
            url: {
              type: "string",
              format: "uri"
            },
            method: {
              default: "POST",
              type: "string",
              enum: [
                "POST",
                "PUT"
              ]
            },
            body: {
              default: {},
              $ref: "#/$defs/__schema0"
            },
            headers: {
              default: {},
              type: "object",
              propertyNames: {
                type: "string"
              },
              additionalProperties: {
                type: "string"
              }
            }
          },
          $defs: {
            __schema0: {
              anyOf: [
                {
                  type: "string"
                },
                {
                  type: "number"
                },
                {
                  type: "boolean"
                },
                {
                  type: "null"
                },
                {
                  type: "array",
                  items: {
                    $ref: "#/$defs/__schema0"
                  }
                },
                {
                  type: "object",
                  propertyNames: {
                    type: "string"
                  },
                  additionalProperties: {
                    $ref: "#/$defs/__schema0"
                  }
                }
              ]
            }
          }
        }
      }
    ]
  }
];
