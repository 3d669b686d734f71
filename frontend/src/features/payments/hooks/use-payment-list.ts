/** The admin's payment page and its totals; both keyed by the filters so changing one refetches both. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getPaymentTotals } from "../api/get-payment-totals";
import { listPayments } from "../api/list-payments";
import type { PaymentFilters } from "../payment-list";

export const paymentListKeys = {
  all: ["payments", "admin"] as const,
  page: (filters: PaymentFilters, page: number) => ["payments", "admin", "page", filters, page] as const,
  totals: (filters: PaymentFilters) => ["payments", "admin", "totals", filters] as const,
};

export function usePaymentList(filters: PaymentFilters, page: number) {
  return useQuery({
    queryKey: paymentListKeys.page(filters, page),
    queryFn: () => listPayments(filters, page, new Date()),
    placeholderData: keepPreviousData,
  });
}

export function usePaymentTotals(filters: PaymentFilters) {
  return useQuery({ queryKey: paymentListKeys.totals(filters), queryFn: () => getPaymentTotals(filters, new Date()) });
}
