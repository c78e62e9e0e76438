// Random service names as moby's namesgenerator makes them: adjective_surname (a sample of its lists).
import { randomInt } from '../determinism/entropy.js';

const LEFT =
  'admiring adoring affectionate agitated amazing angry awesome beautiful blissful bold boring brave busy charming clever compassionate competent condescending confident cool cranky crazy dazzling determined distracted dreamy eager ecstatic elastic elated elegant eloquent epic exciting fervent festive flamboyant focused friendly frosty funny gallant gifted goofy gracious great happy hardcore heuristic hopeful hungry infallible inspiring intelligent interesting jolly jovial keen kind laughing loving lucid magical modest musing mystifying naughty nervous nice nifty nostalgic objective optimistic peaceful pedantic pensive practical priceless quirky quizzical recursing relaxed reverent romantic sad serene sharp silly sleepy stoic strange stupefied suspicious sweet tender thirsty trusting unruffled upbeat vibrant vigilant vigorous wizardly wonderful xenodochial youthful zealous zen'.split(
    ' ',
  );

const RIGHT =
  'albattani allen almeida archimedes ardinghelli aryabhata austin babbage banach bardeen bartik bassi bell bhabha bhaskara blackwell bohr booth borg bose boyd brahmagupta brattain brown carson chandrasekhar clarke colden cori cray curie darwin davinci dijkstra dubinsky easley einstein elion engelbart euclid euler fermat fermi feynman franklin galileo gates goldberg goldstine goldwasser golick goodall haibt hamilton hawking heisenberg hermann heyrovsky hodgkin hoover hopper hugle hypatia jackson jang jennings jepsen johnson joliot jones kalam kare keller kepler khorana kilby kirch knuth kowalevski lalande lamarr lamport leakey leavitt lewin lichterman liskov lovelace lumiere mahavira mayer mccarthy mcclintock mclean mcnulty meitner meninsky mestorf minsky mirzakhani morse murdock neumann newton nightingale nobel noether northcutt noyce panini pare pasteur payne perlman pike poincare poitras ptolemy raman ramanujan ride ritchie roentgen rosalind saha sammet shannon shaw shirley shockley sinoussi snyder spence stallman stonebraker swanson swartz swirles tesla thompson torvalds turing varahamihira visvesvaraya volhard wescoff williams wilson wing wozniak wright yalow yonath'.split(
    ' ',
  );

const pick = (list: string[]): string => list[randomInt(list.length)];

export function randomName(): string {
  for (;;) {
    const name = `${pick(LEFT)}_${pick(RIGHT)}`;
    // "Steve Wozniak is not boring" (moby's own exception)
    if (name !== 'boring_wozniak') return name;
  }
}
