import { Question, QuestionSet } from 'nest-commander';

/** The hidden prompt of readSecret; the label says which secret is asked for. */
@QuestionSet({ name: 'secret' })
export class SecretQuestions {
  @Question({
    type: 'password',
    name: 'secret',
    mask: '*',
    message: (answers: Record<string, unknown>) => `${String(answers.label)}:`,
  })
  parseSecret(value: string): string {
    return value;
  }
}
