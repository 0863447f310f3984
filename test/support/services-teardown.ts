import { dropAllTestServices } from './services';

/** jest globalTeardown of `npm run test:services`: no test database or key outlives the run. */
export default async function teardown(): Promise<void> {
  await dropAllTestServices();
}
