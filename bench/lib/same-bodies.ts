import { Server } from './processes';
import { SeededServer } from './plan';

/**
 * Fails the bench when a server compared with scopegate answers a route with another body than
 * scopegate's: a ratio is only fair between two servers doing the same work.
 */
export async function checkSameBodies(server: Server, scopegate: SeededServer): Promise<void> {
  for (const [path, body] of Object.entries(scopegate.bodies)) {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${scopegate.token}` },
    });
    const answer = await response.text();
    if (response.status !== 200 || answer !== body) {
      throw new Error(
        `${server.url}${path} answers ${response.status} ${answer.slice(0, 200)}, not scopegate's ${body.slice(0, 200)}`,
      );
    }
  }
}
