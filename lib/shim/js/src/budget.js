// Retry budget with gRPC A6 throttling semantics (SHIM_SPEC §1.5). Tokens are
// integer milli-tokens so the three ports never disagree on a rounding.

export const kDefaultBudgetMaxTokens = 10;
export const kDefaultBudgetTokenRatio = 0.1;

export class RetryBudget {
  /** `tokenRatioMilli`, when given, wins over `tokenRatio`. */
  constructor({ maxTokens = kDefaultBudgetMaxTokens,
                tokenRatio = kDefaultBudgetTokenRatio, tokenRatioMilli } = {}) {
    this.max_ = Math.round(maxTokens * 1000);
    // gRPC keeps three decimals of the ratio; 0.1 becomes 100 milli-tokens.
    this.gain_ = tokenRatioMilli ?? Math.round(tokenRatio * 1000);
    this.tokens_ = this.max_;
  }

  /** Current balance in milli-tokens. */
  get milliTokens() {
    return this.tokens_;
  }

  /** Applies one attempt's retry class ('success', 'retryable', ...). */
  record(retryClass) {
    if (retryClass === 'retryable') {
      this.tokens_ = Math.max(0, this.tokens_ - 1000);
    } else if (retryClass === 'success') {
      this.tokens_ = Math.min(this.max_, this.tokens_ + this.gain_);
    }
  }

  allowRetry() {
    return this.tokens_ * 2 > this.max_;
  }
}
