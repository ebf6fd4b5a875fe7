import { HttpStream, NoPagination, type HttpClient, type HttpRequest } from '../../../cdk';

/** A Sloan API list: one request whose body is the whole array (PascalCase keys, kept as they are). */
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
