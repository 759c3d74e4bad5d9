// Short documents the emulator classifies by their words (see test/emulator/classify.ts).
export const DOCS = {
	invoice:
		'INVOICE No. 2026-0042\nSupplier: Acme Paper Ltd\nBill to: Northwind\nLine items: 10 reams of paper 45.00\nTotal amount due: 45.00 EUR\nDue date: 30 days. Please pay this invoice by bank transfer.',
	receipt:
		'RECEIPT\nCorner Store\n2 coffee 6.00\nPaid by card: 6.00\nThank you for shopping with us. Keep this receipt as proof of payment.',
	contract:
		'SERVICE AGREEMENT\nThis agreement is made between the parties Acme Ltd and Northwind GmbH. The terms and obligations of each party are set out below. Signed by both parties: signatures.',
	resume:
		'CURRICULUM VITAE - Jane Doe\nWork experience: 5 years as a data engineer.\nEducation: MSc Computer Science.\nSkills: SQL, Python, leadership.',
	other: 'Grandmother\'s apple crumble: butter, flour, sugar, apples. Bake 40 minutes at 180 degrees.',
};
