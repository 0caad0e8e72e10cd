package org.loanetl.app.generate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/** The facts of one generated loan that several columns must agree on. */
final class Loan {

    private static final String[] GRADES = {"A", "B", "C", "D", "E"};
    private static final String[] STATUSES = {"Fully Paid", "Current", "Late (31-120 days)", "In Grace Period"};
    private static final String[] PURPOSES = {"debt_consolidation", "credit_card", "home_improvement", "major_purchase",
        "medical", "car", "small_business", "moving", "vacation", "house"};

    long amount;
    int term;
    String rate;
    String grade;
    String month;
    String status;
    String purpose;
    int fico;
    int lastFico;

    static Loan random(SplittableRandom random) {
        Loan loan = new Loan();
        loan.amount = 1000 + 25L * random.nextInt(1561);
        loan.term = random.nextInt(3) == 0 ? 60 : 36;
        int grade = random.nextInt(GRADES.length);
        loan.grade = GRADES[grade];
        loan.rate = (6 + grade * 4 + random.nextInt(300) / 100.0) + "";
        loan.month = new String[] {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}[random.nextInt(12)]
                + "-20" + (12 + random.nextInt(7));
        double roll = random.nextDouble();
        loan.status = roll < 0.12 ? (random.nextInt(20) == 0 ? "Does not meet the credit policy. Status:Charged Off" : "Charged Off")
                : STATUSES[random.nextInt(STATUSES.length)];
        loan.purpose = random.nextDouble() < 0.055 ? "other" : PURPOSES[random.nextInt(PURPOSES.length)];
        loan.fico = 660 + 5 * random.nextInt(30);
        double scoreRoll = random.nextDouble();
        loan.lastFico = scoreRoll < 0.02 ? -1 : scoreRoll < 0.36 ? 500 + 5 * random.nextInt(40) : 700 + 5 * random.nextInt(30);
        return loan;
    }

    /** The monthly installment, computed exactly enough for a plausible value with 2 places. */
    String installment() {
        BigDecimal monthly = new BigDecimal(rate).divide(BigDecimal.valueOf(1200), MathContext.DECIMAL64);
        BigDecimal growth = BigDecimal.ONE.add(monthly).pow(term, MathContext.DECIMAL64);
        BigDecimal payment = BigDecimal.valueOf(amount).multiply(monthly).multiply(growth)
                .divide(growth.subtract(BigDecimal.ONE), MathContext.DECIMAL64);
        return payment.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Mostly empty, as in later files; now and then a borrower's note over several lines, with quotes and commas. */
    String desc(SplittableRandom random) {
        int roll = random.nextInt(40);
        if (roll == 0) {
            return "  Borrower added on 12/16/18 > I need this loan to \"consolidate\" my cards, car and rent.<br>\n"
                    + "Borrower added on 12/17/18 > Stable job, 10 years.";
        }
        return roll == 1 ? "Paying off my credit cards, faster." : "";
    }
}
