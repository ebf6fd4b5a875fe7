import { HttpStream, NoPagination, type HttpClient, type HttpRequest } from '../../../cdk';

/** An xPRO list endpoint: one request, the body is the whole array of records. */
export abstract class ArrayStream extends HttpStream {
  constructor(
    client: HttpClient,
    private readonly path: string,
  ) {
    super(client, new NoPagination());
  }

  request(): HttpRequest {
    return { url: this.path };
  }
}
