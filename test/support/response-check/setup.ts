import { assertNoViolations } from './recorder';

/**
 * Every e2e test fails when a response it caused breaks the OpenAPI document (setupFilesAfterEnv):
 * the check runs on the server side, so each request counts, whichever client made it.
 */
afterEach(assertNoViolations);
afterAll(assertNoViolations);
