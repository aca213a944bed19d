/** An answer in Salesforce's REST error shape: status plus `[{"message", "errorCode", "fields"?}]`. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  get body(): { message: string; errorCode: string; fields?: string[] }[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const notFound = () => new FakeApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
export const entityIsDeleted = () => new FakeApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
